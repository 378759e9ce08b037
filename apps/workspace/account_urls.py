from django.urls import path

from apps.workspace.pages import signing_in as views
from apps.workspace.pages import two_factor

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/code/", two_factor.SecondStepView.as_view(), name="second_step"),
    path("two-step/", two_factor.TwoFactorView.as_view(), name="two_factor"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("home/", views.home, name="home"),
    path(
        "choose-password/<uidb64>/<token>/",
        views.ChoosePasswordView.as_view(),
        name="password_reset_confirm",
    ),
]
