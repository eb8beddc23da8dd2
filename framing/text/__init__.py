"""Plain text knowledge shared by cleaning, features and rewrite analysis: calendar words
(:mod:`~framing.text.calendar`) and quotation marks (:mod:`~framing.text.quotes`)."""
