"""framing inside the tools researchers already use: a spaCy pipeline component
(:mod:`~framing.integrations.spacy`), a scikit-learn transformer
(:mod:`~framing.integrations.sklearn`) and pandas (:mod:`~framing.integrations.pandas`), with
the metric columns they share (:mod:`~framing.integrations.columns`)."""
