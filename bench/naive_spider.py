"""The crawler a user would write first: Scrapy's SitemapSpider + bare trafilatura in parse().

Run with `scrapy runspider` outside the project (no newsproj settings), as the speed baseline of bench/speed.py.
"""

import trafilatura
from scrapy.spiders import SitemapSpider


class NaiveSpider(SitemapSpider):
    name = "naive"

    def __init__(self, sitemap: str = "", **kwargs):
        super().__init__(**kwargs)
        self.sitemap_urls = [sitemap]

    def parse(self, response):
        doc = trafilatura.bare_extraction(response.text, url=response.url, with_metadata=True, as_dict=True)
        if doc:
            yield {"url": response.url, "headline": doc.get("title"), "articleBody": doc.get("text")}
