"""newsproj: a Scrapy news crawler that turns news sites into clean, dataset-ready articles."""

__version__ = "0.1.0"
