"""Publishing a set of files into the output folder so that nobody sees a half-done build.

What a static host serving ``out_dir`` sees: every file podfeed writes is replaced in one
``os.replace`` (a reader gets the old file or the new one, never a mix), and the order keeps
the folder consistent at every instant: chapters files first, the feed last (so every chapters
URL in the visible feed exists), stale chapters files removed only after the new feed is in
place. On a first build (no ``out_dir`` yet) the staged folder is renamed into place whole.
Otherwise the folder itself is never swapped: a web server's root, a bind mount or the user's own
files in it (a CNAME, an index.html) stay as they are.

How a failure is contained: every file is first written into a staging folder next to
``out_dir`` (same filesystem, so the rename is atomic), then flushed to disk. If anything fails
before the swap, ``out_dir`` is untouched. If the swap itself fails half-way, the files already
replaced are put back from hard links taken before the swap, so the previous output is restored
byte for byte. Only a crash of the machine during the swap can leave a mix of old and new files.

A build that dies (a crash, a kill) leaves its staging folder behind; the next build next to
the same ``out_dir`` removes it, once the process that made it is gone from this machine.

Which files podfeed wrote is remembered in ``.podfeed-files`` in ``out_dir``; only files listed
there (and no longer produced) are ever removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path, PurePosixPath

from .errors import BuildError

__all__ = ["MANIFEST", "Staging", "publish", "same_file", "stage_file"]

#: The list of files podfeed wrote into an output folder, one relative POSIX path a line.
MANIFEST = ".podfeed-files"

#: A hook for tests: called with each relative path just before it is moved into place.
BeforeReplace = Callable[[str], None]


class Staging:
    """Files written into a staging folder next to ``out_dir`` while the build goes on.

    ``add`` writes a file into the staging folder; files written there by someone else (a
    build's worker processes, through :func:`stage_file`) are registered with ``adopt``.
    ``commit`` moves the files into place in the order they were added or adopted (put the
    feed last); leaving the ``with`` block without a commit discards everything, so
    ``out_dir`` stays as it was. Files whose content is unchanged in ``out_dir`` are not moved.
    """

    def __init__(self, out_dir: str | Path, *, before_replace: BeforeReplace | None = None):
        self.out = Path(out_dir)
        self._before_replace = before_replace
        prefix = f".{self.out.name}.tmp-"
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            _remove_abandoned(self.out.parent, prefix)
            self._root = Path(tempfile.mkdtemp(prefix=prefix, dir=self.out.parent))
            _claim(self._root)
            self._new = self._root / "new"
            self._new.mkdir()
        except OSError as err:
            raise _failed(self.out, "cannot create a staging folder next to it", err) from None
        #: The mode a plain ``open()`` would give, so a web server can read what it serves.
        self.mode = _mode()
        #: Whether staged files are compared with ``out_dir``'s: not on a first build (no
        #: ``out_dir`` yet), where looking for 10,000 missing files costs a failed stat each.
        self.compare = self.out.exists()
        self._changed: dict[str, bool] = {}
        self._folders: set[str] = {"."}
        self._flushing: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def folder(self) -> Path:
        """Where the new files are staged (``name`` goes to ``folder / name``)."""
        return self._new

    @property
    def scratch(self) -> Path:
        """A folder for the build's own temporary files, removed with the staging folder."""
        return self._root

    def prepare(self, name: str) -> str:
        """Check ``name`` and create its folder in the staging folder; returns the clean name."""
        name = _checked(name)
        self.make_folder(str(PurePosixPath(name).parent))
        return name

    def make_folder(self, folder: str) -> None:
        """Create ``folder`` (relative, POSIX) in the staging folder, for files staged there."""
        if folder not in self._folders:
            try:
                (self._new / folder).mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise _failed(self.out, f"cannot create {folder} in staging", err) from None
            self._folders.add(folder)

    def add(self, name: str, data: bytes) -> None:
        """Stage ``data`` as ``name`` (unless ``out_dir`` already holds exactly that)."""
        name = self.prepare(name)
        if name in self._changed:
            raise ValueError(f"{name} added twice")
        self.adopt(
            name, stage_file(self._new, self.out, name, data, self.mode, compare=self.compare)
        )

    def adopt(self, name: str, changed: bool) -> None:
        """Register a file staged by :func:`stage_file` (``changed``: what it returned)."""
        name = _checked(name)
        if name in self._changed:
            raise ValueError(f"{name} added twice")
        self._changed[name] = changed

    def start_flush(self) -> None:
        """Start writing what is staged so far to disk, in the background.

        ``commit`` flushes everything before the swap in any case; started early (say, while
        the feed is validated), that flush finds little left to write. Thousands of small
        chapters files take far longer to flush than one big feed: ~0.2 s for 10,000 here.
        Linux only (a ``sync -f`` process); elsewhere, and if it cannot start, nothing happens.
        """
        if self._flushing is None:
            self._flushing = _start_syncfs(self._new)

    def commit(self) -> list[Path]:
        """Move the staged files into ``out_dir``; returns the paths of every added file."""
        names = list(self._changed)
        changed = [name for name in names if self._changed[name]]
        previous = _read_manifest(self.out)
        manifest = "".join(f"{name}\n" for name in sorted(names)).encode("utf-8")
        if stage_file(self._new, self.out, MANIFEST, manifest, self.mode, compare=self.compare):
            changed.append(MANIFEST)
        self._end_flush()
        _sync(self._new, changed)
        if self.out.exists():
            _swap(self._root, self.out, changed, self._before_replace)
        else:
            # A first build: the whole folder appears in one rename, with nothing to back up.
            for name in changed:
                if self._before_replace is not None:
                    self._before_replace(name)
            try:
                os.rename(self._new, self.out)
            except OSError as err:
                raise _failed(self.out, "cannot move the new folder into place", err) from None
        _remove_stale(self.out, previous - set(names))
        _fsync_dir(self.out)
        return [self.out / name for name in names]

    def close(self) -> None:
        self._end_flush()
        shutil.rmtree(self._root, ignore_errors=True)

    def _end_flush(self) -> None:
        # Its outcome does not matter: commit's own flush is what makes the files durable.
        if self._flushing is not None:
            self._flushing.wait()
            self._flushing = None


def stage_file(
    staging: Path, out: Path, name: str, data: bytes, mode: int = 0o644, *, compare: bool = True
) -> bool:
    """Write ``data`` to ``staging / name``; False (nothing written) when ``out / name``
    already holds exactly ``data`` (not looked at unless ``compare``: without an ``out`` yet,
    see ``Staging.compare``). Its folder must exist. Safe to call from other processes.

    Raises FileExistsError when ``staging / name`` was staged already (two files claim one
    name); other failures are BuildErrors.
    """
    # Plain strings, not Path joins: a build stages thousands of small files.
    if compare and _same(f"{out}/{name}", data):
        return False
    try:
        # os.open/os.write: a buffered file object costs more than the write itself here.
        fd = os.open(f"{staging}/{name}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except FileExistsError:
        raise
    except OSError as err:
        raise _failed(out, f"cannot write {name} into the staging folder", err) from None
    return True


def same_file(path: Path, other: Path) -> bool:
    """Whether two files hold the same bytes (False when either cannot be read)."""
    try:
        if path.stat().st_size != other.stat().st_size:
            return False
        with path.open("rb") as one, other.open("rb") as two:
            while True:
                a, b = one.read(1 << 20), two.read(1 << 20)
                if a != b:
                    return False
                if not a:
                    return True
    except OSError:
        return False


def publish(
    files: Mapping[str, bytes],
    out_dir: str | Path,
    *,
    before_replace: BeforeReplace | None = None,
) -> list[Path]:
    """Write ``files`` (relative POSIX path → content) into ``out_dir`` atomically.

    Files are moved into place in the mapping's order, so put the feed last. Files podfeed
    wrote before (listed in the manifest) that are not in ``files`` are removed afterwards;
    anything else in ``out_dir`` is left alone, and so are files whose content is unchanged.
    Returns the paths of all of ``files`` in ``out_dir``, in order.
    """
    names = [(_checked(name), name) for name in files]  # refuse bad names before any writing
    with Staging(out_dir, before_replace=before_replace) as staging:
        for name, given in names:
            staging.add(name, files[given])
        return staging.commit()


def _same(path: str, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as existing:
            return existing.read() == data
    except OSError:
        return False


# Who made a staging folder: a build that crashed (or was killed) leaves its folder behind, and
# the next build next to it removes it, once that process is gone from this machine.
_OWNER = "owner"


def _claim(root: Path) -> None:
    (root / _OWNER).write_text(f"{socket.gethostname()}\n{os.getpid()}\n", encoding="utf-8")


def _remove_abandoned(parent: Path, prefix: str) -> None:
    """Remove the staging folders of builds that ended without cleaning up (best effort)."""
    if os.name != "posix":
        return  # os.kill(pid, 0) would not just probe elsewhere
    host = socket.gethostname()
    with contextlib.suppress(OSError), os.scandir(parent) as entries:
        for entry in entries:
            if not entry.name.startswith(prefix) or not entry.is_dir(follow_symlinks=False):
                continue
            try:
                owner_host, pid = Path(entry.path, _OWNER).read_text("utf-8").split()
            except (OSError, UnicodeDecodeError, ValueError):
                continue  # being made right now, or not ours to judge
            if owner_host == host and pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


def _checked(name: str) -> str:
    parts = name.split("/")
    if all(parts) and "." not in parts and ".." not in parts and name != MANIFEST:
        return name  # already relative and normal: a build names 10,000 files like this
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or path.as_posix() == MANIFEST:
        raise ValueError(f"not a relative output path: {name!r}")
    return path.as_posix()


def _failed(out: Path, what: str, err: OSError) -> BuildError:
    reason = err.strerror or str(err)
    return BuildError(
        f"{what}: {reason}; the previous output was left as it was", path=out, rule="BUILD-002"
    )


def _mode() -> int:
    # The mode a plain `open()` would give, so a web server can read what it serves.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _sync(root: Path, names: list[str]) -> None:
    """Get the staged files onto the disk before any of them becomes visible."""
    if not names:
        return
    if _syncfs(root):
        return
    for name in names:
        fd = os.open(root / name, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _start_syncfs(root: Path) -> subprocess.Popen[bytes] | None:
    """``sync -f root`` (syncfs(2) on root's filesystem) in a child process, or None."""
    if not sys.platform.startswith("linux"):
        return None
    program = shutil.which("sync")
    if program is None:
        return None
    try:
        return subprocess.Popen(
            [program, "-f", str(root)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None


def _syncfs(root: Path) -> bool:
    # One syncfs(2) for thousands of files costs a fraction of one fsync each (Linux only).
    if not sys.platform.startswith("linux"):
        return False
    try:
        # The C library Python itself runs on (finding it by name would run ldconfig, ~5 ms).
        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(root, os.O_RDONLY)
    try:
        return bool(syncfs(fd) == 0)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems cannot fsync a folder
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _swap(stage: Path, out: Path, names: list[str], before_replace: BeforeReplace | None) -> None:
    """Move the staged files into ``out``; on any failure, put the old ones back."""
    backup = stage / "old"
    done: list[tuple[str, bool]] = []  # (name, whether an old file was backed up)
    made_dirs: list[Path] = []
    try:
        for name in names:
            target = out / name
            for parent in reversed(target.relative_to(out).parents):
                folder = out / parent
                if not folder.is_dir():
                    folder.mkdir()
                    made_dirs.append(folder)
            had_old = _backup(target, backup / name)
            if before_replace is not None:
                before_replace(name)
            os.replace(stage / "new" / name, target)
            done.append((name, had_old))
    except BaseException as err:
        _restore(out, backup, done, made_dirs)
        if isinstance(err, OSError):
            raise _failed(out, "cannot move the new files into place", err) from None
        raise


def _backup(target: Path, backup: Path) -> bool:
    if not target.exists():
        return False
    backup.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)  # a filesystem without hard links
    return True


def _restore(out: Path, backup: Path, done: list[tuple[str, bool]], made: list[Path]) -> None:
    for name, had_old in reversed(done):
        with contextlib.suppress(OSError):
            if had_old:
                os.replace(backup / name, out / name)
            else:
                (out / name).unlink()
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _read_manifest(out: Path) -> set[str]:
    try:
        text = (out / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    names = set()
    for line in text.splitlines():
        with contextlib.suppress(ValueError):
            names.add(_checked(line.strip()))
    return names


def _remove_stale(out: Path, stale: set[str]) -> None:
    for name in sorted(stale):
        with contextlib.suppress(OSError):
            (out / name).unlink()
    # Folders podfeed's files lived in, now empty (e.g. chapters/ when no episode has any).
    for folder in sorted({(out / name).parent for name in stale}, reverse=True):
        for parent in _up_to(folder, out):
            with contextlib.suppress(OSError):
                parent.rmdir()


def _up_to(folder: Path, out: Path) -> Iterator[Path]:
    while folder != out and out in folder.parents:
        yield folder
        folder = folder.parent
