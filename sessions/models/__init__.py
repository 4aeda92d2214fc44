from .people import Person
from .rooms import Room

__all__ = ["Person", "Room"]
