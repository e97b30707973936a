"""Registration on this site: the visitor's form and own page, the seats and the waitlist, the
e-mails, staff views and the erasure of personal data. The models are in
programs/models/registrations.py."""
