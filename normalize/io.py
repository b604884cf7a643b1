"""Lossless file input and atomic file output for the CLI.

The engine only ever sees a ``str`` and returns a ``str``; this module is the boundary that
turns bytes into that string and back. The contract is that
``decoded.encode(decoded.text)`` reproduces the input bytes exactly, so a file the engine
does not change is written back byte for byte and a changed file differs only inside the
changed spans. That rules out newline translation, ``errors="replace"`` and similar
conveniences: anything that cannot be decoded reversibly is refused with an
:class:`InputError` whose one-line message starts with the path.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

__all__ = [
    "BINARY_SNIFF_BYTES",
    "AtomicOutput",
    "BinaryInputError",
    "Decoded",
    "DirectoryInputError",
    "EncodingInputError",
    "InputError",
    "MissingInputError",
    "OutputError",
    "PermissionInputError",
    "TooLargeInputError",
    "UsageInputError",
    "atomic_output",
    "decode_bytes",
    "is_probably_binary",
    "read_document",
    "write_atomic",
    "write_lock",
]

BINARY_SNIFF_BYTES = 8192
"""How much of the start of a file :func:`is_probably_binary` looks at."""

_CONTROL_RATIO = 0.30

# Bytes that legitimately appear in text: whitespace controls plus ESC, which shows up in
# files captured from terminals (ANSI colour codes).
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_CONTROL_BYTES = frozenset(b for b in range(0x20) if b not in _TEXT_CONTROLS) | {0x7F}

# UTF-32 must come before UTF-16 because the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Codecs whose strict decode is known to be the exact inverse of their encode, so the
# (memory-doubling) re-encode check can be skipped for them.
_BIJECTIVE_CODECS = frozenset(
    {"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "ascii", "iso8859-1"}
)


def _display(path: str | os.PathLike[str]) -> str:
    """Render a path so that a message stays on one line and is printable.

    Undecodable file names arrive as lone surrogates (surrogateescape); printing those
    would crash the CLI's own error reporting, so they are shown as ``\\xNN`` instead.
    """
    out: list[str] = []
    for ch in os.fspath(path):
        code = ord(ch)
        if code < 0x20 or code == 0x7F:
            out.append(repr(ch)[1:-1])
        elif 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


class InputError(Exception):
    """A file could not be read (or written) as a document; ``str()`` is one line.

    ``skippable`` tells the CLI whether to print a notice and carry on with the next file
    (True) or to stop with exit status 2 (False).
    """

    skippable: ClassVar[bool] = False

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = _display(path)
        self.reason = " ".join(reason.split("\n")).replace("\r", " ")
        super().__init__(f"{self.path}: {self.reason}")


class MissingInputError(InputError):
    """The file does not exist."""


class DirectoryInputError(InputError):
    """The path names a directory, not a file."""


class PermissionInputError(InputError):
    """The file exists but may not be read."""


class BinaryInputError(InputError):
    """The file looks like binary data rather than text."""

    skippable: ClassVar[bool] = True


class EncodingInputError(InputError):
    """The bytes are not valid (or not reversibly decodable) in the chosen encoding."""


class TooLargeInputError(InputError):
    """The file is larger than the configured ``max_bytes`` limit."""

    skippable: ClassVar[bool] = True


class UsageInputError(InputError):
    """The caller asked for something unusable, such as an unknown encoding name."""


class OutputError(InputError):
    """A result could not be written back to its file."""


@dataclass(frozen=True)
class Decoded:
    """A decoded document plus what is needed to turn a string back into the same bytes.

    ``text`` keeps line endings exactly as they were (``"\\r\\n"`` and ``"\\r"`` are not
    translated) and does not include the byte-order mark, which is held in ``bom``.
    """

    text: str
    encoding: str
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """Encode ``text`` the way the original was encoded, byte-order mark included.

        ``self.encode(self.text)`` equals the original bytes. Raises
        :class:`UnicodeEncodeError` if ``text`` holds characters the encoding cannot
        represent (possible when a fix introduces them into a legacy-encoded file).
        """
        return self.bom + text.encode(self.encoding, "strict")


def _binary_reason(data: bytes) -> str | None:
    head = data[:BINARY_SNIFF_BYTES]
    if not head:
        return None
    # A NUL byte anywhere means binary (text files never hold one): the whole data is
    # searched, which is a C-speed scan, so a binary tail after a text head is not taken
    # for text. The control-byte share is judged on the head only.
    nul = data.find(0)
    if nul >= 0:
        return f"looks like a binary file (NUL byte at offset {nul})"
    controls = sum(1 for b in head if b in _CONTROL_BYTES)
    if controls > _CONTROL_RATIO * len(head):
        share = round(100 * controls / len(head))
        return f"looks like a binary file ({share}% control bytes in the first {len(head)})"
    return None


def is_probably_binary(data: bytes) -> bool:
    """Return True if ``data`` looks like binary content rather than text.

    A NUL byte anywhere, or more than 30% control bytes other than tab, newline, carriage
    return, form feed, vertical tab and escape in the first :data:`BINARY_SNIFF_BYTES`
    bytes, means binary. Empty data is not binary.
    """
    return _binary_reason(data) is not None


def _lookup(encoding: str, name: str) -> str:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise UsageInputError(name, f"unknown encoding {encoding!r}") from None
    # Without a BOM in the data these codecs would each write one on encode, breaking the
    # round trip, so use the mark-less variant. BOM-less "utf-16"/"utf-32" is read as
    # little-endian, which is what CPython does on every common platform.
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(codec, codec)


def _decode_error(
    name: str, exc: UnicodeDecodeError, body: bytes, offset: int, label: str, hint: str
) -> EncodingInputError:
    where = offset + exc.start
    if exc.start < len(body):
        detail = f"byte 0x{body[exc.start]:02x} at offset {where}"
    else:  # pragma: no cover - codecs report the first bad byte, which is always in range
        detail = f"offset {where}"
    if exc.reason in ("truncated data", "unexpected end of data"):
        detail += ", truncated at end of file"
    return EncodingInputError(name, f"not valid {label} ({detail}){hint}")


def _decode_bom(data: bytes, bom: bytes, codec: str, name: str) -> Decoded:
    body = data[len(bom) :]
    try:
        return Decoded(body.decode(codec, "strict"), codec, bom)
    except UnicodeDecodeError as exc:
        if codec == "utf-32-le":
            # FF FE 00 00 is also a UTF-16-LE mark followed by U+0000; prefer whichever
            # reading is valid rather than rejecting the file.
            with contextlib.suppress(UnicodeDecodeError):
                utf16_bom = codecs.BOM_UTF16_LE
                return Decoded(data[len(utf16_bom) :].decode("utf-16-le"), "utf-16-le", utf16_bom)
        label = f"{codec.upper()} despite its byte-order mark"
        raise _decode_error(name, exc, body, len(bom), label, "") from None


def decode_bytes(data: bytes, *, encoding: str | None = None, name: str = "<bytes>") -> Decoded:
    """Decode ``data`` losslessly; ``name`` is used to start error messages.

    A byte-order mark (UTF-8, UTF-32, UTF-16) decides the encoding and is kept in
    :attr:`Decoded.bom`. Otherwise ``encoding`` is used if given, else strict UTF-8.
    Without a BOM, binary-looking data raises :class:`BinaryInputError` unless
    ``encoding`` is a UTF-16/UTF-32 one. Undecodable or irreversibly decodable data raises
    :class:`EncodingInputError`; an unknown ``encoding`` raises :class:`UsageInputError`.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_bom(data, bom, codec, name)

    codec = "utf-8" if encoding is None else _lookup(encoding, name)
    if not codec.startswith(("utf-16", "utf-32")):
        reason = _binary_reason(data)
        if reason is not None:
            raise BinaryInputError(name, reason)

    try:
        text = data.decode(codec, "strict")
    except LookupError:
        # Registered but not a text encoding (base64, rot13, ...).
        raise UsageInputError(name, f"{encoding!r} is not a text encoding") from None
    except UnicodeDecodeError as exc:
        if encoding is None:
            raise _decode_error(
                name, exc, data, 0, "UTF-8", "; pass --encoding to read it"
            ) from None
        raise _decode_error(name, exc, data, 0, codec, "") from None

    if codec not in _BIJECTIVE_CODECS:
        # Stateful and many-to-one codecs (iso2022, utf-7, cp932's duplicate mappings)
        # decode fine but would write different bytes back.
        try:
            again = text.encode(codec, "strict")
        except UnicodeEncodeError:
            again = b""
        if again != data:
            pairs = enumerate(zip(again, data, strict=False))
            at = next((i for i, (a, b) in pairs if a != b), min(len(again), len(data)))
            raise EncodingInputError(
                name, f"decoding as {codec} is not reversible (bytes differ at offset {at})"
            )
    return Decoded(text, codec, b"")


def _read_bytes(path: str | os.PathLike[str], max_bytes: int | None) -> bytes:
    # O_NONBLOCK keeps a FIFO from hanging the open; it has no effect on regular files.
    flags = (
        os.O_RDONLY
        | getattr(os, "O_BINARY", 0)
        | getattr(os, "O_NOCTTY", 0)
        | getattr(os, "O_NONBLOCK", 0)
    )
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise MissingInputError(path, "no such file") from None
    except IsADirectoryError:
        raise DirectoryInputError(path, "is a directory") from None
    except PermissionError:
        # Windows reports opening a directory as a permission error.
        if Path(path).is_dir():
            raise DirectoryInputError(path, "is a directory") from None
        raise PermissionInputError(path, "permission denied") from None
    except NotADirectoryError:
        raise MissingInputError(path, "no such file (a parent is not a directory)") from None
    except OSError as exc:
        raise InputError(path, f"cannot open: {exc.strerror or exc}") from None

    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DirectoryInputError(path, "is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "not a regular file")
        if max_bytes is not None and info.st_size > max_bytes:
            raise TooLargeInputError(
                path, f"file is {info.st_size} bytes, over the {max_bytes}-byte limit"
            )
        with os.fdopen(fd, "rb", closefd=False) as stream:
            # Read one byte past the limit so a file that grew since fstat is still caught.
            data = stream.read(-1 if max_bytes is None else max_bytes + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLargeInputError(path, f"file is over the {max_bytes}-byte limit")
    return data


def read_document(
    path: str | os.PathLike[str], *, encoding: str | None = None, max_bytes: int | None = None
) -> Decoded:
    """Read and decode the file at ``path`` (see :func:`decode_bytes`).

    Raises a subclass of :class:`InputError` whose message starts with the path:
    :class:`MissingInputError`, :class:`DirectoryInputError`,
    :class:`PermissionInputError`, :class:`BinaryInputError`,
    :class:`EncodingInputError`, :class:`UsageInputError`, or
    :class:`TooLargeInputError` when ``max_bytes`` is given and exceeded.
    """
    data = _read_bytes(path, max_bytes)
    return decode_bytes(data, encoding=encoding, name=_display(path))


def _current_umask() -> int:
    # os.umask can only be read by setting it, which races with other threads creating
    # files, so prefer the kernel's read-only view where there is one.
    with contextlib.suppress(OSError, ValueError), Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the contents of ``path`` with ``data`` atomically.

    The bytes go to a temporary file in the target's own directory (so the final rename
    never crosses file systems), are fsynced, given the target's permission bits and
    renamed over it; readers see the old file or the new one, never a partial one. A
    symlink is followed and its target replaced, so the link stays a link. On failure the
    temporary file is removed and the target is untouched; an :class:`OSError` is reported
    as :class:`OutputError`, anything else is re-raised as is.
    """
    target = Path(os.path.realpath(path))
    try:
        _replace(target, data)
    except PermissionError:
        raise OutputError(path, "cannot write: permission denied") from None
    except IsADirectoryError:
        raise OutputError(path, "cannot write: is a directory") from None
    except OSError as exc:
        raise OutputError(path, f"cannot write: {exc.strerror or exc}") from None


def _replace(target: Path, data: bytes) -> None:
    with atomic_output(target) as out:
        out.write(data)


#: Temporary files are named ``.normalize-<pid>-<random>.tmp`` beside their target.
TEMP_PREFIX = ".normalize-"
TEMP_SUFFIX = ".tmp"
#: A temporary file left by a process that no longer runs is removed once it has not
#: been written to for this many seconds (a run killed by SIGKILL cannot clean up).
STALE_SECONDS = 600.0
_STALE_CHECKED: set[Path] = set()


def _pid_alive(pid: int) -> bool:
    """Whether a process with this id runs here (or may: one we cannot signal counts)."""
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, ValueError, OverflowError):
        return True  # someone else's process, or a platform that cannot tell: keep it
    return True


def _remove_stale_temporaries(directory: Path, *, now: float | None = None) -> list[Path]:
    """Remove this tool's temporary files in ``directory`` left by dead processes.

    Only names of the form ``.normalize-<pid>-<random>.tmp`` are considered, and only when
    no process ``<pid>`` runs on this machine and the file has not changed for
    :data:`STALE_SECONDS` (so a live writer on another machine sharing the folder, whose
    pid means nothing here, is not disturbed while it writes). Each folder is looked at
    once per process. Anything that cannot be read or removed is left alone. Returns the
    files removed.
    """
    if directory in _STALE_CHECKED:
        return []
    _STALE_CHECKED.add(directory)
    removed: list[Path] = []
    cutoff = (time.time() if now is None else now) - STALE_SECONDS
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            continue
        pid_text = name[len(TEMP_PREFIX) :].partition("-")[0]
        if not pid_text.isdigit() or _pid_alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                path = Path(entry.path)
                path.unlink()
                removed.append(path)
    return removed


#: The extended attribute that holds a file's POSIX access ACL on Linux.
ACL_XATTR = "system.posix_acl_access"


def _xattrs(path: Path) -> dict[str, bytes]:
    """Every extended attribute of ``path`` (POSIX ACLs included), or {} where unsupported."""
    if not hasattr(os, "listxattr"):
        return {}  # pragma: no cover - not Linux
    try:
        names = os.listxattr(path)
    except OSError:
        return {}  # the file system keeps none
    found: dict[str, bytes] = {}
    for name in names:
        with contextlib.suppress(OSError):
            found[name] = os.getxattr(path, name)
    return found


def _copy_xattrs(found: dict[str, bytes], tmp: Path, target: Path) -> None:
    """Give ``tmp`` the attributes of ``target``; an ACL that cannot be kept is an error.

    A ``security.*`` label the file system sets itself, or a ``trusted.*`` one only root may
    set, is copied where allowed and otherwise left to the system; losing a POSIX ACL or a
    ``user.*`` attribute would change who may read the file or lose data, so it stops the
    write instead.
    """
    for name, value in found.items():
        try:
            os.setxattr(tmp, name, value)
        except OSError as exc:
            if name.startswith(("security.", "trusted.")):
                continue
            what = "its ACL" if name.startswith("system.posix_acl") else f"attribute {name}"
            raise OutputError(
                target, f"cannot keep {what} on the new copy ({exc.strerror or exc}); not written"
            ) from None


class AtomicOutput:
    """A temporary file beside ``target`` that replaces it on :meth:`commit`.

    Used through :func:`atomic_output`, which commits when its block ends normally and
    removes the temporary file otherwise, so large results can be streamed out chunk by
    chunk with the same all-or-nothing guarantee as :func:`write_atomic`.

    The new file gets the old one's owner, permission bits, POSIX ACLs and extended
    attributes. A file with more than one hard link is refused (:class:`OutputError`):
    replacing it would silently split it from its other names.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        try:
            self._info: os.stat_result | None = target.stat()
        except FileNotFoundError:
            self._info = None
        if self._info is not None and stat.S_ISREG(self._info.st_mode) and self._info.st_nlink > 1:
            raise OutputError(
                target,
                f"has {self._info.st_nlink} hard links; replacing it would split it from"
                " the others, so it is not written (fix a copy, or remove the extra links)",
            )
        _remove_stale_temporaries(target.parent)
        fd, tmp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX
        )
        self._fd = fd
        self.tmp = Path(tmp_name)
        self.discarded = False

    def write(self, data: bytes) -> None:
        """Append ``data`` to the temporary file (unbuffered, so nothing needs a flush)."""
        _write_fd(self._fd, data)

    def discard(self) -> None:
        """Leave the target as it is: the temporary file is removed instead of renamed."""
        self.discarded = True

    def _close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def commit(self) -> None:
        """fsync the data, give it the target's owner and mode, and rename it over."""
        info = self._info
        mode = 0o666 & ~_current_umask() if info is None else stat.S_IMODE(info.st_mode)
        try:
            os.fsync(self._fd)
        finally:
            self._close()
        if info is not None and hasattr(os, "chown"):
            # Keeps ownership when e.g. root fixes a user's file; an unprivileged caller
            # cannot give the file away, which is fine. Done before chmod because chown
            # may clear set-id bits.
            with contextlib.suppress(OSError):
                os.chown(self.tmp, info.st_uid, info.st_gid)
        self.tmp.chmod(mode)
        if info is not None:
            # After chmod: with an ACL, the group bits of st_mode are the ACL's mask, so
            # the chmod alone would hand the owning group the mask's rights (644 + ACL
            # became 664). Setting the ACL attribute puts the group bits back as they were.
            _copy_xattrs(_xattrs(self.target), self.tmp, self.target)
        with write_lock(self.target):
            if self._info is not None and _changed_identity(self.target, self._info):
                raise OutputError(
                    self.target, "changed while it was being fixed; not written (run again)"
                )
            self.tmp.replace(self.target)
        _fsync_directory(self.target.parent)

    def abort(self) -> None:
        """Close and remove the temporary file; the target is untouched."""
        self._close()
        with contextlib.suppress(OSError):
            self.tmp.unlink()


def _changed_identity(target: Path, before: os.stat_result) -> bool:
    """Whether ``target`` is no longer the file (inode, size, mtime) seen as ``before``."""
    try:
        now = target.stat()
    except FileNotFoundError:
        return True
    return (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) != (
        before.st_dev,
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )


@contextlib.contextmanager
def write_lock(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an exclusive advisory lock for rewriting ``path`` (a no-op where unsupported).

    The lock is taken on the file's folder (``flock``), which outlives the renames that
    replace the file itself, so every `normalize` process rewriting a file in that folder
    waits for the others' check-and-rename to finish. Reentrant within one process.
    """
    folder = Path(os.path.realpath(path)).parent
    if folder in _HELD or not hasattr(os, "O_DIRECTORY"):
        yield
        return
    try:
        import fcntl

        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except (ImportError, OSError):
        yield  # cannot open the folder for locking: the rename is still atomic
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        _HELD.add(folder)
        try:
            yield
        finally:
            _HELD.discard(folder)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


_HELD: set[Path] = set()


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[AtomicOutput]:
    """Stream a replacement for ``path``; it takes the file's place only if the block ends.

    A symlink is followed (its target is replaced). If the block raises, or calls
    :meth:`AtomicOutput.discard`, the temporary file is removed and ``path`` is untouched.
    ``OSError`` is raised as is; :func:`write_atomic` turns it into :class:`OutputError`.
    """
    out = AtomicOutput(Path(os.path.realpath(path)))
    try:
        yield out
        if out.discarded:
            out.abort()
        else:
            out.commit()
    except BaseException:
        out.abort()
        raise


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable. Some platforms (Windows) and file systems cannot
    # open or fsync a directory; the data is already safe there, so that is not an error.
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
