"""Distributed mode (``-s REDIS_URL=redis://HOST:PORT/DB``): many ``scrapy crawl news`` processes, one crawl.

Built on scrapy-redis; only the parts whose behaviour is wrong for us are subclassed here:

- ``keys.py``      the crawl id (spider name + hash of its arguments, or ``NEWSPROJ_CRAWL_ID``) and key names
- ``queue.py``     scrapy-redis's priority queue plus an atomic *claim* (pop into the worker's in-flight set)
- ``frontier.py``  worker heartbeats, in-flight bookkeeping, requeueing a dead worker's claims, drain detection
- ``scheduler.py`` the Scrapy scheduler: scrapy-redis's, with claims, no ``spider=``, exit when drained

Nothing in this package is imported unless ``RedisAddon`` (``newsproj.addons``) finds ``REDIS_URL``.
See docs/distributed.md.
"""
