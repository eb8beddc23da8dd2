"""Where scoring runs: this process or a pool of forked workers (:mod:`~framing.run.local`), a
Dask cluster (:mod:`~framing.run.dask`), and the content-hash score cache
(:mod:`~framing.run.cache`). Each takes the engine it is given; none decides what is scored."""
