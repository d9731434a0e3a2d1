"""What licence transitions do beyond the licence itself: their payments become income."""
from __future__ import annotations

from ..workflow import Hooks, Income, book_income
from .models import License, Payment

hooks = Hooks()


@hooks.after("report_royalty", "amend_royalty_report", "reach_milestone")
def book_payment(lic: License, outcome, user):
    """Royalties and milestone payments become income of the invention's benefit plan.

    A royalty report books what was paid, even when it is less than the royalty due (the
    shortfall stays on the report, flagged on the licence page and in the licensor's
    inbox); an amendment books only what it adds to the payment for the period. Returns the
    income booked (None: nothing paid), which the transition's answer shows.
    """
    payment: Payment = outcome.produced
    if payment.amount <= 0:
        return None  # nothing paid (no sales, or a correction of the figures only)
    return book_income(Income(kind=payment.kind, source=payment.source, amount=payment.amount,
                       currency=lic.currency, at=payment.at, event_id=outcome.event.id,
                       disclosure_id=lic.disclosure_id, license_id=lic.id,
                       period=payment.period, net_sales=payment.net_sales))


@hooks.after("grant_option")
def book_option_fee(lic: License, outcome, user):
    """The option fee is due when both parties have signed the option agreement (its clause
    on the fee): it becomes income of the invention's benefit plan, as a milestone payment
    does, so the plan in force distributes it (or holds it until one is). None: no fee."""
    if not lic.option_fee or lic.option_fee <= 0:
        return None
    return book_income(Income(kind="option_fee",
                              source=f"Option fee of option agreement {lic.display_number}",
                              amount=lic.option_fee, currency=lic.currency,
                              at=lic.activated_at or outcome.event.at,
                              event_id=outcome.event.id, disclosure_id=lic.disclosure_id,
                              license_id=lic.id))
