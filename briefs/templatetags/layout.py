"""`{% load layout %}{% site_links as site_links %}`: the public layout's links
(briefs.public.layout)."""

from django import template

from briefs.public.layout import site_links

register = template.Library()
register.simple_tag(site_links, name="site_links")
