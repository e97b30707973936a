from django import forms

from programs.editing.copying import Interval

INTERVALS = {
    "1w": Interval(days=7),
    "2w": Interval(days=14),
    "1m": Interval(months=1),
    "3m": Interval(months=3),
    "6m": Interval(months=6),
    "12m": Interval(months=12),
}


class PlanNextRunForm(forms.Form):
    title = forms.CharField(max_length=255, help_text="The new series' title; its slug is made from it.")
    interval = forms.ChoiceField(
        label="How much later",
        choices=[(key, str(interval)) for key, interval in INTERVALS.items()],
        initial="12m",
        help_text="Every date of the series and its sessions moves on by this much. "
        "Months keep the day of the month; sessions keep their time of day.",
    )
