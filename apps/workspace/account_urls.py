from django.urls import path

from apps.workspace.pages import signing_in as views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("home/", views.home, name="home"),
    path(
        "choose-password/<uidb64>/<token>/",
        views.ChoosePasswordView.as_view(),
        name="password_reset_confirm",
    ),
]
