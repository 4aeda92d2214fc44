"""The file cache that keeps whole pages: entries stored as they are, read back whole."""

from igfplus.cache import StoredFileBasedCache


def test_a_page_is_kept_uncompressed_and_read_back(tmp_path):
    cache = StoredFileBasedCache(str(tmp_path), {})
    page = "BEGIN:VCALENDAR " * 1000  # within one stored block (64 KB)

    cache.set("feed", page, 60)

    (entry,) = tmp_path.glob("*.djcache")
    assert page.encode() in entry.read_bytes()  # readable in the file: not deflated
    assert cache.get("feed") == page


def test_django_s_own_reads_of_an_entry_still_work(tmp_path):
    cache = StoredFileBasedCache(str(tmp_path), {})
    cache.set("generation", 41, 60)

    assert cache.touch("generation", 120)
    assert cache.incr("generation") == 42
