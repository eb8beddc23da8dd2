"""Serving faces over :mod:`framing.api`, beside the CLI: the HTTP scoring API
(:mod:`framing.serve.app`, ``framing serve``) and the Datasette dashboard
(:mod:`framing.serve.dashboard`, ``framing dashboard``). FastAPI, uvicorn and Datasette are
optional extras, imported only here and only when used.
"""
