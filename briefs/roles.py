"""The editorial groups and what each may do. Applied by a migration.

Analysts draft and link; they submit for review but cannot publish, withdraw or
delete, nor change a tag that live briefs carry (`briefs.publishing.live_tags`).
Editors do all that analysts do, delete content, and review, publish and withdraw.
Site administration (accounts, groups, site settings) stays with superusers.
"""

ANALYSTS = "Analysts"
EDITORS = "Editors"

_CONTENT = {
    "actors": [
        "organisation",
        "actor",
        "role",
        "relationship",
        "event",
        "eventorganisation",
        "eventactor",
        "eventsource",
        "eventparty",
        "eventclaim",
        "designation",
    ],
    "briefs": ["brief", "section", "source", "briefactor", "brieforganisation", "briefevent"],
    "taggit": ["tag", "taggeditem"],
}


def _content_perms(actions: list[str]) -> set[tuple[str, str]]:
    return {
        (app, f"{action}_{model}")
        for app, models in _CONTENT.items()
        for model in models
        for action in actions
    }


GROUP_PERMISSIONS: dict[str, set[tuple[str, str]]] = {
    ANALYSTS: _content_perms(["view", "add", "change"])
    | {
        ("briefs", "view_transition"),
        ("briefs", "view_publication"),
        ("briefs", "view_revisedfact"),
        ("briefs", "view_tagchange"),
    },
    EDITORS: _content_perms(["view", "add", "change", "delete"])
    | {
        ("briefs", "view_transition"),
        ("briefs", "view_publication"),
        ("briefs", "view_revisedfact"),
        ("briefs", "view_tagchange"),
        ("briefs", "review_brief"),
        ("briefs", "publish_brief"),
        ("briefs", "withdraw_brief"),
    },
}


def sync_groups(apps) -> None:
    """Make the groups hold exactly the permissions above. Safe to run again.

    In a migration, the permissions of models that the migration's state does not
    have yet are left for the later migration that adds them (and runs this again)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in sorted(wanted)
            if _model_exists(apps, app_label, codename)
        ]
        group.permissions.set(perms)


def _model_exists(apps, app_label: str, codename: str) -> bool:
    model_name = codename.split("_", 1)[1]
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True


def editors(users):
    """The members of `users` (a User queryset) who may review and publish: the
    Editors group, or the permission given to the account itself."""
    from django.db.models import Q

    return (
        users.filter(is_active=True)
        .filter(Q(groups__name=EDITORS) | Q(user_permissions__codename="publish_brief"))
        .distinct()
    )
