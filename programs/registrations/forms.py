"""The public registration form: name and e-mail always, the optional questions the page asks, and a
field people never see that only form-filling robots fill in."""

from django import forms

from programs.models import AccessNeed, RegistrantRole, Registration

# The field robots fill in: hidden from sight and from screen readers, out of the tab order.
TRAP_FIELD = "website"


def _max_length(name):
    return Registration._meta.get_field(name).max_length


class RegistrationForm(forms.Form):
    """Asks what `page` (a session or series taking registrations on this site) asks for."""

    name = forms.CharField(
        label="Your name",
        max_length=_max_length("name"),
        error_messages={
            "required": "Enter your name.",
            "max_length": "Your name can be at most %(limit_value)d characters long.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=_max_length("email"),
        help_text="We send your confirmation here, with a link to see or cancel your registration.",
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter an e-mail address in the form name@example.org.",
            "max_length": "The e-mail address can be at most %(limit_value)d characters long.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organization = forms.CharField(
        label="Organization, school or group (optional)",
        max_length=_max_length("organization"),
        required=False,
        error_messages={"max_length": "The organization can be at most %(limit_value)d characters long."},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label="Your role (optional)",
        choices=[("", "Choose one")] + RegistrantRole.choices,
        required=False,
        error_messages={"invalid_choice": "Choose one of the roles in the list."},
    )
    access_needs = forms.MultipleChoiceField(
        label="Accessibility and language needs (optional)",
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only from the needs listed."},
    )
    access_needs_other = forms.CharField(
        label="Anything else we should arrange for you? (optional)",
        max_length=_max_length("access_needs_other"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Please keep this to %(limit_value)d characters."},
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": "Tick the box to agree, or we cannot register you."},
    )
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, page, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        if not page.ask_organization:
            del self.fields["organization"]
        if not page.ask_role:
            del self.fields["role"]
        if not page.ask_access_needs:
            del self.fields["access_needs"]
            del self.fields["access_needs_other"]
        if page.consent_text:
            self.fields["consent"].label = page.consent_text
        else:
            del self.fields["consent"]
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"

    @property
    def caught_a_robot(self):
        """True when the hidden field was filled in: no person sees it."""
        return bool(self.data.get(TRAP_FIELD, "").strip())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != TRAP_FIELD]

    @property
    def trap(self):
        return self[TRAP_FIELD]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter your name.", code="required")
        return name

    def answers(self):
        """The registration's fields from the cleaned data, for services.register()."""
        data = self.cleaned_data
        answers = {"name": data["name"], "email": data["email"]}
        if "organization" in self.fields:
            answers["organization"] = data["organization"].strip()
        if "role" in self.fields:
            answers["role"] = data["role"]
        if "access_needs" in self.fields:
            answers["access_needs"] = list(data["access_needs"])
            answers["access_needs_other"] = data["access_needs_other"].strip()
        if "consent" in self.fields:
            answers["consented"] = data["consent"]
        return answers

    def mark_errors(self):
        """Tie each field with an error to its message (aria-describedby) and flag it (aria-invalid),
        so that screen readers read the message with the field."""
        for name in self.errors:
            if name not in self.fields or name == TRAP_FIELD:
                continue
            field = self[name]
            described_by = [f"{field.auto_id}-error"]
            if field.help_text:
                described_by.append(f"{field.auto_id}-help")
            attrs = self.fields[name].widget.attrs
            attrs["aria-describedby"] = " ".join(described_by)
            if not isinstance(self.fields[name].widget, forms.CheckboxSelectMultiple):
                attrs["aria-invalid"] = "true"

    def error_links(self):
        """(text, #anchor) for the summary at the top: each error points at its field."""
        links = [(error, "#registration-form") for error in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name not in self.fields or name == TRAP_FIELD:
                continue
            field = self[name]
            anchor = field.auto_id
            if isinstance(self.fields[name].widget, forms.CheckboxSelectMultiple):
                anchor = f"{anchor}_0"
            links.extend((error, f"#{anchor}") for error in errors)
        return links
