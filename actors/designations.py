"""An organisation's listings as a terrorist organisation, by jurisdiction."""

from django.db import models
from simple_history.models import HistoricalRecords

from actors.dates import ends_after_start, format_date, normalise_fields, precision_field


class Designation(models.Model):
    class List(models.TextChoices):
        PAKISTAN = "PK", "Pakistan: proscribed organisation (Anti-Terrorism Act 1997)"
        US_FTO = "US-FTO", "United States: Foreign Terrorist Organization"
        US_SDGT = "US-SDGT", "United States: Specially Designated Global Terrorist"
        UK = "GB", "United Kingdom: proscribed organisation (Terrorism Act 2000)"
        UN_1267 = "UN-1267", "United Nations: ISIL (Da'esh) and Al-Qaida sanctions list (1267)"
        UN_1988 = "UN-1988", "United Nations: Taliban sanctions list (1988)"
        EU = "EU", "European Union: terrorist list"
        CANADA = "CA", "Canada: listed terrorist entity"
        AUSTRALIA = "AU", "Australia: listed terrorist organisation"
        INDIA = "IN", "India: banned terrorist organisation (UAPA)"
        OTHER = "other", "Other"

    organisation = models.ForeignKey(
        "actors.Organisation", on_delete=models.CASCADE, related_name="designations"
    )
    jurisdiction = models.CharField("list", max_length=16, choices=List.choices)
    listed = models.DateField(null=True, blank=True)
    listed_precision = precision_field("listed precision")
    delisted = models.DateField(null=True, blank=True, help_text="Leave empty while listed.")
    delisted_precision = precision_field("delisted precision")
    source_title = models.CharField("source", max_length=300, blank=True)
    source_url = models.URLField("source URL", max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "listed", "jurisdiction"]
        constraints = [
            ends_after_start(
                "listed",
                "delisted",
                name="designation_delisted_after_listed",
                message="A listing cannot end before it began.",
            ),
            models.UniqueConstraint(
                fields=["organisation", "jurisdiction", "listed"],
                name="unique_designation",
                violation_error_message="This listing is already recorded.",
            ),
        ]

    def __str__(self):
        return f"{self.organisation.name}: {self.get_jurisdiction_display()}"

    def save(self, *args, **kwargs):
        normalise_fields(self, "listed", "delisted")
        super().save(*args, **kwargs)

    def period(self) -> str:
        listed = format_date(self.listed, self.listed_precision) or "date not known"
        if self.delisted is None:
            return f"since {listed}"
        return f"{listed} – {format_date(self.delisted, self.delisted_precision)}"
