"""Routes of the social map on `/api/v1/hsds/`: HSDS 3.0's own paths, the same list as
`/api/hsds/` (`directory.api_urls`), with the views as this API's contract describes them."""

from samenplan.directory.api_urls import hsds_patterns

from ..views import socialmap

urlpatterns = hsds_patterns(socialmap, prefix="hsds", name_prefix="hsds_")
