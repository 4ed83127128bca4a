"""Downloader-side components, in the order a request meets them (priorities in settings.py):

- ``redact.CredentialsMiddleware`` (30): ``user:pass@`` out of URLs; log redaction.
- ``ssrf.SSRFGuard`` (40): http(s) only; no private/loopback/link-local addresses unless allowed.
- ``scope.ScopeMiddleware`` (50): the seeds' ``host:port`` only.
- ``politeness.PolitenessMiddleware`` (555): Crawl-delay, Retry-After, backoff on 429/503.
- responses: ``guards.HeadersGuard`` (950, non-text or oversize from headers), ``guards.RedirectGuard`` (650),
  ``guards.BodyGuard`` (575, empty/binary bodies), ``charset.CharsetMiddleware`` (570, encoding from bytes).

Also: ``downloader.Downloader`` (``DOWNLOADER``: the per-domain concurrency cap enforced), ``config`` (the
``NEWSPROJ_*`` settings, their check, ``SafetyAddon``) and ``outcomes`` (one reason per failed request).
"""
