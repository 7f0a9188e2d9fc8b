"""Each member of staff's own profile page in the admin: how readers see them."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify

from briefs.models import Author, MailPreferences
from briefs.publishing import authors


class MailPreferencesForm(forms.ModelForm):
    prefix = "mail"

    class Meta:
        model = MailPreferences
        fields = ["submitted", "returned", "published", "scheduled", "withdrawn"]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = ["display_name", "slug"]

    def clean_slug(self):
        slug = slugify(self.cleaned_data["slug"], allow_unicode=True)
        if not slug:
            raise forms.ValidationError("Use letters, digits or hyphens.")
        return slug


def profile(request):
    author = Author.of(request.user)
    preferences = MailPreferences.objects.filter(user=request.user).first()
    mail_form = MailPreferencesForm(
        request.POST if "_mail" in request.POST else None,
        instance=preferences or MailPreferences(user=request.user),
    )
    if "_mail" in request.POST:
        if mail_form.is_valid():
            mail_form.save()
            messages.success(request, "Your mail settings were saved.")
            return redirect("admin_profile")
    form = ProfileForm(
        None if "_mail" in request.POST else (request.POST or None),
        instance=Author.objects.get(pk=author.pk),
    )
    if form.is_bound and form.is_valid():
        authors.rename(
            author,
            display_name=form.cleaned_data["display_name"],
            slug=form.cleaned_data["slug"],
            by=request.user,
        )
        messages.success(request, "Your public name was saved; your live briefs show it.")
        return redirect("admin_profile")
    context = {
        **admin.site.each_context(request),
        "title": "Your profile",
        "form": form,
        "mail_form": mail_form,
        "author": author,
    }
    return TemplateResponse(request, "admin/profile.html", context)
