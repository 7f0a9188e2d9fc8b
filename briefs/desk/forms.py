"""Forms of the editorial admin."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from taggit.models import Tag

from briefs.models import BRIEF_BODY_MAX, STANDARD_HEADINGS, Brief, Section, SiteSettings
from briefs.publishing import corrections, workflow
from briefs.publishing.editing import EditConflict, lock_for_edit
from briefs.roles import editors

# A summary is "one or two sentences"; the model does not limit it, the form does.
SUMMARY_MAX = 2_000
# taggit's Tag.name and Tag.slug hold 100 characters, and taggit adds "_1", "_2"...
# to a slug already taken: a longer tag would fail in the database, not in the form.
TAG_MAX = min(Tag._meta.get_field(f).max_length for f in ("name", "slug")) - len("_999")
TAGS_MAX = 30


class HeadingInput(forms.TextInput):
    """A free-text heading that offers the house headings first and in their order."""

    # Rendered here rather than from a template: the form renderer only finds widget
    # templates in apps, not in the project's templates/ directory.
    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "list": "house-headings"}
        options = format_html_join("", '<option value="{}">', ((h,) for h in STANDARD_HEADINGS))
        return format_html(
            '{}<datalist id="house-headings">{}</datalist>',
            super().render(name, value, attrs, renderer),
            options,
        )


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["heading", "body", "order"]
        widgets = {
            "heading": HeadingInput(attrs={"size": 40}),
            "body": forms.Textarea(attrs={"rows": 12, "cols": 90}),
        }


class SectionFormSet(forms.BaseInlineFormSet):
    """A new brief starts with the three house sections, in their order."""

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is None or instance.pk is None:
            kwargs.setdefault(
                "initial", [{"heading": h, "order": i} for i, h in enumerate(STANDARD_HEADINGS)]
            )
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        headings = [
            f.cleaned_data.get("heading", "").strip().lower()
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        duplicates = {h for h in headings if headings.count(h) > 1}
        if duplicates:
            raise forms.ValidationError("Each section needs its own heading.")
        total = sum(
            len(f.cleaned_data.get("body", ""))
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        )
        if total > BRIEF_BODY_MAX:
            raise forms.ValidationError(
                f"The sections together may hold at most {BRIEF_BODY_MAX:,} characters "
                f"(they have {total:,}): shorten them, or split the brief."
            )


class BriefForm(forms.ModelForm):
    """The brief's edit form: carries the version it was opened with, and a change note."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_note = forms.CharField(
        required=False,
        max_length=250,
        label="Note on this change",
        help_text="Kept in the history beside your name, e.g. “Added the Karachi figures”.",
    )

    class Meta:
        model = Brief
        fields = [
            "title",
            "slug",
            "summary",
            "date",
            "authors",
            "tags",
            "countries",
            "cover",
            "cover_alt",
            "cover_credit",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
        summary = self.fields["summary"]
        summary.max_length = SUMMARY_MAX
        summary.validators.append(MaxLengthValidator(SUMMARY_MAX))
        summary.widget.attrs["maxlength"] = str(SUMMARY_MAX)

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        if len(tags) > TAGS_MAX:
            raise forms.ValidationError(f"A brief can have at most {TAGS_MAX} tags.")
        for name in tags:
            shown = name if len(name) <= 40 else f"{name[:40]}…"
            if len(name) > TAG_MAX:
                raise forms.ValidationError(
                    f"A tag can be at most {TAG_MAX} characters; “{shown}” has {len(name)}."
                )
            if len(Tag().slugify(name)) > TAG_MAX:
                raise forms.ValidationError(
                    f"“{shown}” is too long for a tag: its address would be longer than "
                    f"{TAG_MAX} characters."
                )
        return tags

    # The workflow step posted with this form (PanelTransitionForm), if any: when it
    # is invalid, nothing is saved and the page comes back with the error.
    transition_form = None

    def clean(self):
        cleaned = super().clean()
        if self.transition_form is not None and not self.transition_form.is_valid():
            for errors in self.transition_form.errors.values():
                for error in errors:
                    self.add_error(None, error)
        if self.instance.pk:
            loaded = cleaned.get("loaded_version")
            try:
                # Locks the row until the admin's transaction ends, so the check and
                # the save cannot be split by another save.
                lock_for_edit(self.instance.pk, loaded_version=-1 if loaded is None else loaded)
            except EditConflict as conflict:
                raise forms.ValidationError(str(conflict), code="conflict") from conflict
        return cleaned


class GoLiveField(forms.DateTimeField):
    """A time in the site's zone, written dd/mm/yyyy hh:mm (ISO is accepted too)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Go live at")
        kwargs.setdefault(
            "widget",
            forms.DateTimeInput(
                format="%d/%m/%Y %H:%M",
                attrs={"placeholder": "dd/mm/yyyy hh:mm", "size": 16, "class": "go-live"},
            ),
        )
        kwargs.setdefault(
            "help_text", f"dd/mm/yyyy hh:mm, 24-hour clock, {settings.TIME_ZONE} time."
        )
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and value <= timezone.now():
            raise forms.ValidationError("The go-live time must be in the future.")


class TransitionForm(forms.Form):
    """The comment; for submitting, the editor named to review; for publishing an
    optional go-live time and the kind of change (update, correction with its text,
    minor); for withdrawing, with notice or a take down
    (`briefs.publishing.corrections`). Given the step's name, a step that needs a
    comment is invalid without one."""

    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    change = forms.ChoiceField(
        required=False, choices=corrections.CHANGES.items(), widget=forms.RadioSelect
    )
    correction = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    withdraw_mode = forms.ChoiceField(
        required=False,
        label="How",
        choices=corrections.WITHDRAWALS.items(),
        widget=forms.RadioSelect,
        initial=corrections.NOTICE,
    )
    go_live_at = GoLiveField(
        required=False,
        help_text=f"Leave empty to publish now. dd/mm/yyyy hh:mm, {settings.TIME_ZONE} time.",
    )

    editor = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Any editor",
        label="Editor to review it",
        help_text="They are told by mail; without a name, every editor is.",
    )

    def __init__(self, *args, transition: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        self.fields["editor"].queryset = editors(get_user_model().objects).order_by(
            "first_name", "last_name", "username"
        )
        self.fields["editor"].label_from_instance = lambda u: u.get_full_name() or u.username

    def options_for(self, name: str) -> dict:
        """What the workflow function `name` takes from this form besides the comment."""
        data = self.cleaned_data
        if name == "publish":
            return {
                "at": data.get("go_live_at"),
                "change": data.get("change") or corrections.UPDATE,
                "correction": data.get("correction", ""),
            }
        if name == "withdraw":
            return {"mode": data.get("withdraw_mode") or corrections.NOTICE}
        if name == "submit_for_review":
            return {"editor": data.get("editor")}
        return {}

    def clean(self):
        cleaned = super().clean()
        # As the workflow would refuse it, but before anything is saved.
        if self.transition in workflow.COMMENT_REQUIRED and not cleaned.get("comment", "").strip():
            self.add_error("comment", workflow.COMMENT_REQUIRED[self.transition])
        return cleaned


class RescheduleForm(forms.Form):
    """A scheduled publication's new go-live time, from the desk."""

    go_live_at = GoLiveField(label="New go-live time", help_text="")
    comment = forms.CharField(required=False, max_length=500, label="Why (optional)")


class PanelTransitionForm(TransitionForm):
    """The transition form as the brief's own page holds it, beside the brief's form:
    its fields carry names of their own, which the brief's form does not know."""

    NAMES = {
        "comment": "_transition_comment",
        "go_live_at": "_go_live_at",
        "editor": "_editor",
        "change": "_change",
        "correction": "_correction",
        "withdraw_mode": "_withdraw_mode",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].widget.attrs.update(
            rows=2,
            cols=80,
            placeholder="Required when returning a brief or withdrawing it. Withdrawn with notice, "
            "readers see it as the reason.",
        )

    def add_prefix(self, field_name):
        return self.NAMES.get(field_name, field_name)

    @classmethod
    def of(cls, request) -> "PanelTransitionForm":
        """The form as posted with the brief's form (bound only for a workflow button)."""
        name = request.POST.get("_transition", "") if request.method == "POST" else ""
        return cls(request.POST if name else None, transition=name)


class SiteSettingsForm(forms.ModelForm):
    """The site's texts, and whether a changed footer reaches briefs already live."""

    apply_to_live = forms.BooleanField(
        required=False,
        label="Apply to all live briefs",
        help_text="Leave unticked and the new disclaimer and copyright apply only to briefs "
        "published from now on; live briefs keep the footer they went out with.",
    )

    class Meta:
        model = SiteSettings
        fields = ["disclaimer", "copyright", "data_licence", "data_licence_url"]
