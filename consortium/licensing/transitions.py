"""What licence transitions do beyond the licence itself: their payments become income."""
from __future__ import annotations

from ..workflow import Hooks, Income, book_income
from .models import License, Payment

hooks = Hooks()


@hooks.after("report_royalty", "amend_royalty_report", "reach_milestone")
def book_payment(lic: License, outcome, user) -> None:
    """Royalties and milestone payments become income of the invention's benefit plan.

    A royalty report books what was paid, even when it is less than the royalty due (the
    shortfall stays on the report, flagged on the licence page and in the licensor's
    inbox); an amendment books only what it adds to the payment for the period.
    """
    payment: Payment = outcome.produced
    if payment.amount <= 0:
        return  # nothing paid (no sales, or a correction of the figures only)
    book_income(Income(kind=payment.kind, source=payment.source, amount=payment.amount,
                       currency=lic.currency, at=payment.at, event_id=outcome.event.id,
                       disclosure_id=lic.disclosure_id, license_id=lic.id,
                       period=payment.period, net_sales=payment.net_sales))
