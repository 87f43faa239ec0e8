from dashboard import auth
from dashboard.i18n import current_language
from dashboard.navigation import ensure_app_shell
from dashboard.notify_views import my_notifications
from dashboard.session import page_db

ensure_app_shell()

db, path = page_db()
my_notifications(db, auth.actor(), current_language())
