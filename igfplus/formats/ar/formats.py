# Django has no Arabic DATETIME_FORMAT (it would fall back to the English "N j, Y, P")
# and writes times on the 12-hour clock; a forum's programme reads on the 24-hour clock.
DATETIME_FORMAT = "j F، Y، H:i"
TIME_FORMAT = "H:i"
