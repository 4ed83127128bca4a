"""Project commands (``scrapy extract``)."""
