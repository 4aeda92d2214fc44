"""Which UN regional group a country belongs to (the groups the General Assembly uses
for elections). Turkey votes with the Western European and Others Group, Israel sits in
it; Kiribati and the State of Palestine take part in the Asia-Pacific Group. Territories
that are not UN members map to nothing: their group is chosen by hand."""

from __future__ import annotations

from igfplus.enums import RegionalGroup

_MEMBERS: dict[str, str] = {
    RegionalGroup.AFRICAN: (
        "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE "
        "LS LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG "
        "ZM ZW"
    ),
    RegionalGroup.ASIA_PACIFIC: (
        "AF BH BD BT BN KH CN CY KP FJ IN ID IR IQ JP JO KZ KW KG LA LB MY MV MH FM MN "
        "MM NR NP OM PK PW PG PH QA KR WS SA SG SB LK SY TJ TH TL TO TM AE UZ VU VN YE KI "
        "TV PS"
    ),
    RegionalGroup.EASTERN_EUROPEAN: (
        "AL AM AZ BY BA BG HR CZ EE GE HU LV LT ME PL MD RO RU RS SK SI MK UA"
    ),
    RegionalGroup.GRULAC: (
        "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE "
        "KN LC VC SR TT UY VE"
    ),
    RegionalGroup.WEOG: (
        "AD AT BE CA DK FI FR DE GR IS IE IT LI LU MT MC NL NZ NO PT SM ES SE CH TR GB "
        "AU IL US"
    ),
}

UN_REGIONAL_GROUP_OF_COUNTRY: dict[str, str] = {
    code: str(group) for group, codes in _MEMBERS.items() for code in codes.split()
}


def un_regional_group_of(country_code: str) -> str | None:
    """The UN regional group of an ISO 3166 alpha-2 code, or None for non-members."""
    return UN_REGIONAL_GROUP_OF_COUNTRY.get((country_code or "").upper())
