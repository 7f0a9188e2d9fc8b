"""The admin site: Django's, with the login steps of tap_cms.two_factor.

`has_permission` is what every admin page asks (admin_view): besides staff, the session
must have passed the second factor when the user needs one, so a password alone gives
no admin page. The login page is Django's, except that a right password from a user who
needs a second factor leads on to step 2 instead of logging them in.
"""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import LoginView
from django.http import HttpResponseRedirect
from django.urls import path, reverse

from tap_cms import two_factor


class PasswordStepView(LoginView):
    authentication_form = AdminAuthenticationForm
    template_name = "admin/login.html"

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.asks_for_second_factor(user):
            next_url = self.get_redirect_url() or reverse("admin:index")  # "" when unsafe
            return two_factor.begin(self.request, user, next_url)
        return super().form_valid(form)


class DeskAdminSite(admin.AdminSite):
    site_header = "TAP CMS"
    site_title = "TAP CMS"
    index_title = "Editorial desk"

    def index(self, request, extra_context=None):
        # What is waiting for this person (briefs.desk.dashboard), above the models.
        from briefs.desk import dashboard

        desk = dashboard.panels_for(request.user)
        return super().index(request, {"desk": desk, **(extra_context or {})})

    def has_permission(self, request):
        return super().has_permission(request) and two_factor.is_satisfied(request)

    def get_urls(self):
        from briefs.desk import dashboard

        steps = [
            path("login/verify/", two_factor.verify, name="login_verify"),
            path("login/setup/", two_factor.setup, name="login_setup"),
        ]
        # The desk's buttons on a scheduled publication.
        desk = [
            path(
                "desk/<int:pk>/reschedule/",
                self.admin_view(dashboard.reschedule),
                name="desk_reschedule",
            ),
            path(
                "desk/<int:pk>/cancel-schedule/",
                self.admin_view(dashboard.cancel_schedule),
                name="desk_cancel_schedule",
            ),
        ]
        return steps + desk + super().get_urls()

    def login(self, request, extra_context=None):
        # As AdminSite.login, with PasswordStepView for Django's LoginView.
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": "Log in",
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return PasswordStepView.as_view(extra_context=context)(request)
