"""Validation of team-wide thresholds entered on a page: whole numbers within bounds."""

import math

from db.errors import ValidationError


def clean_whole_numbers(
    values: dict,
    bounds: dict[str, tuple[int, int]],
    area: str,
    not_a_number: str = "setting_number",
) -> dict:
    """``values`` as ints, each within its ``bounds`` (low, high); an unknown key, a value
    that is not a whole number or one out of bounds raises ``<area>.err.setting_*`` (for a
    value that is no number at all: ``<area>.err.<not_a_number>``, for the areas whose
    message says the range there too)."""
    clean: dict[str, int] = {}
    for key, (low, high) in bounds.items():
        if key not in values:
            continue
        try:
            number = float(values[key])
        except (TypeError, ValueError):
            raise ValidationError(
                f"{area}.err.{not_a_number}", setting=key, low=low, high=high
            ) from None
        if not math.isfinite(number) or number != int(number) or not low <= number <= high:
            raise ValidationError(f"{area}.err.setting_range", setting=key, low=low, high=high)
        clean[key] = int(number)
    unknown = set(values) - set(bounds)
    if unknown:
        raise ValidationError(f"{area}.err.setting_unknown", setting=sorted(unknown)[0])
    return clean
