"""The sign-in form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])


class PasswordForm(FlaskForm):
    """Changing one's password; the rules are checked by ``services.change_password``."""
    current_password = PasswordField(_l("Current password"), validators=[Length(max=256)])
    new_password = PasswordField(_l("New password"), validators=[Length(max=256)])
    confirm_password = PasswordField(_l("New password again"), validators=[Length(max=256)])
