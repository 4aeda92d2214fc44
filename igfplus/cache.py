"""Cache backends of IGF+."""

import pickle  # nosec B403  # writes only what this server cached, as Django's file cache does
import zlib

from django.core.cache.backends.filebased import FileBasedCache


class StoredFileBasedCache(FileBasedCache):
    """Django's file cache, its entries stored rather than compressed.

    It holds whole pages and fragments (igfplus.services.page_cache), read far more often
    than written: inflating a 500 KB feed took longer than answering with it. The zlib
    wrapper stays (level 0, "stored"), so Django's own reads of the file still work.
    """

    def _write_content(self, file, timeout, value):
        file.write(
            pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol)
        )
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), 0))
