"""Each member of staff's own profile page in the admin: how readers see them."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify

from briefs.models import Author
from briefs.publishing import authors


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
    form = ProfileForm(request.POST or None, instance=Author.objects.get(pk=author.pk))
    if request.method == "POST" and form.is_valid():
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
        "author": author,
    }
    return TemplateResponse(request, "admin/profile.html", context)
