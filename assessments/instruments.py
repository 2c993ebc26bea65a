"""WCO and other instruments a recommendation can point to, by the key the content file uses.

Only instruments whose name and existence are verified in shared/domain/safe-reference.md are
listed; a standard's `references` in the content file name them by key, and the loader refuses
an unknown key. Names are translated with gettext when a report is built.
"""

from django.utils.translation import gettext_lazy as _

INSTRUMENTS = {
    "safe": _("WCO SAFE Framework of Standards to Secure and Facilitate Global Trade"),
    "rkc-ch6": _(
        "Revised Kyoto Convention, General Annex Chapter 6 (Customs control) and its Guidelines"
    ),
    "rm-compendium": _("WCO Risk Management Compendium (volumes 1 and 2)"),
    "iscm": _("WCO Customs Guidelines on Integrated Supply Chain Management"),
    "data-model": _("WCO Data Model"),
    "placi": _(
        "Joint WCO–ICAO Guiding Principles for Pre-Loading Advance Cargo Information (2021)"
    ),
    "aeo-guidance": _("WCO AEO Implementation and Validation Guidance (2021)"),
    "aeo-compendium": _("WCO Compendium of Authorized Economic Operator Programmes"),
    "mra-guide": _("WCO AEO Mutual Recognition Strategy Guide (2018)"),
    "trs": _("WCO Time Release Study"),
    "cbm-compendium": _("WCO Coordinated Border Management Compendium"),
    "arusha": _("Revised Arusha Declaration (Customs integrity)"),
}


def instrument_name(key):
    return str(INSTRUMENTS.get(key, key))
