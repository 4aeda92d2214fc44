"""Date and time formats where Django's own locale formats don't suit the forum.

Templates name formats (``|date:"DATE_FORMAT"``), so each language writes dates its way;
these modules override a few of Django's choices (see FORMAT_MODULE_PATH).
"""
