"""ACLED's regions, by ISO 3166-1 alpha-2 code (ACLED's `region` column).

ACLED groups countries into its own regions, close to the UN's sub-regions but not
the same (Afghanistan is South Asia, Turkey the Middle East, Sudan Northern Africa).
A country not listed here gets an empty region.
"""

_REGIONS = {
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET KE KM MG MU MW MZ RE RW SC SO SS TZ UG YT ZM ZW",
    "Southern Africa": "BW LS NA SZ ZA",
    "Europe": "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI "
    "LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK",
    "North America": "CA US",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "South America": "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
    "Caribbean": "AG BB BS CU DM DO GD HT JM KN LC PR TT VC",
    "Oceania": "AU FJ NZ PG SB VU",
}
REGION_OF = {code: region for region, codes in _REGIONS.items() for code in codes.split()}


def region(alpha2: str) -> str:
    return REGION_OF.get(alpha2, "")
