"""Who may create a workflow record and who may change its own fields, written once.

Each record model mixes in :class:`Permissions` and says who (``can_create``, ``is_editor``),
in which states (its workflow's ``editable_states``) and why not (its refusal messages). The
view guards, the page's links and buttons (``{% if record.can_edit(current_user) %}``) and
the services' refusals all ask these methods, so they cannot drift apart. Who may *see* a
record is its domain's ``visible`` query and who may *act* on it is the engine's: neither is
repeated here.
"""
from __future__ import annotations

from .errors import AppError, Conflict, Forbidden


class Permissions:
    """Create and edit permissions of a workflow record (mixed into its model)."""

    # The model sets these (class attributes, not columns):
    #: the states in which the record's own fields may change (its workflow's editable_states)
    editable_states = ()
    #: why someone who may not create such a record is refused (403)
    not_creator = ""
    #: why someone who may not edit the record is refused (403)
    not_editor = ""
    #: why the record may not be edited in its present state (409 ``not_editable``)
    not_editable = ""

    # The model also defines, as its own rule (checked when the model class is made):
    #:   ``can_create(cls, user) -> bool`` (a classmethod): whether ``user`` may create a
    #:   record of this kind (the "New …" button, the form, the API's POST);
    #:   ``is_editor(self, user) -> bool``: whether ``user`` may change the record's own
    #:   fields, whatever its state.
    RULES = ("can_create", "is_editor")

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        missing = [name for name in cls.RULES if not callable(getattr(cls, name, None))]
        if missing:
            raise TypeError(f"{cls.__name__} mixes in Permissions but does not say "
                            f"{' and '.join(missing)}")

    @classmethod
    def check_create(cls, user) -> None:
        """Refuse (403) a ``user`` who may not create one."""
        if not cls.can_create(user):
            raise Forbidden(cls.not_creator)

    def check_editor(self, user) -> None:
        """Refuse (403) a ``user`` who may not edit the record, whatever its state."""
        if not self.is_editor(user):
            raise Forbidden(self.not_editor)

    def check_editable(self) -> None:
        """Refuse (409) an edit in a state where the record's fields are fixed."""
        if self.state not in self.editable_states:
            raise Conflict("not_editable", self.not_editable)

    def edit_refusal(self, user) -> AppError | None:
        """Why ``user`` may not edit the record now (who first, then the state), or None."""
        if not self.is_editor(user):
            return Forbidden(self.not_editor)
        if self.state not in self.editable_states:
            return Conflict("not_editable", self.not_editable)
        return None

    def can_edit(self, user) -> bool:
        """Whether ``user`` may edit the record now: its edit link shows, its edit form opens
        (200) and ``update`` accepts the change exactly then."""
        return self.edit_refusal(user) is None

    def check_can_edit(self, user) -> None:
        """Refuse with :meth:`edit_refusal` unless ``user`` may edit the record now."""
        refusal = self.edit_refusal(user)
        if refusal is not None:
            raise refusal
