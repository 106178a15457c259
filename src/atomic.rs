//! Every file reldb writes is written whole or not at all: into a uniquely named temporary file
//! beside its final name, flushed, synced, and renamed into place only once all went well. A
//! failure (a query error, a full disk, a refused statement) leaves the old file byte for byte,
//! and no half-written file under either name.
//!
//! Special files (`/dev/null`, `/dev/stdout`, a FIFO) cannot be renamed into: they are written
//! directly. [`refuse_overwrite`] keeps an output from landing on the database or on a file
//! being read.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result, UsageError};

/// A file being written; it appears under its name only on [`AtomicFile::commit`]. Dropped
/// without a commit, it leaves nothing behind (the destination keeps its old content).
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    target: Target,
}

#[derive(Debug)]
enum Target {
    /// A regular file (or one to create): a temporary file beside it, renamed over it.
    Temporary {
        /// Written through a handle of its own: NamedTempFile's errors name the temporary
        /// file, which the user never asked for.
        out: BufWriter<File>,
        temp: NamedTempFile,
        destination: PathBuf,
    },
    /// A device, FIFO or socket: written where it is.
    Direct(BufWriter<File>),
}

impl AtomicFile {
    /// Starts writing `path`. Its folder must exist; nothing under `path` changes until
    /// [`AtomicFile::commit`].
    pub fn create(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let existing = fs::metadata(&path).ok();
        let target = match existing {
            Some(meta) if !meta.is_dir() && (!meta.is_file() || is_system_file(&path)) => {
                let file = fs::OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .map_err(|e| Error::io(&path, e))?;
                Target::Direct(BufWriter::new(file))
            }
            Some(meta) if meta.is_dir() => return Err(UsageError::OutputIsFolder { path }.into()),
            _ => temporary_beside(&path, existing)?,
        };
        Ok(AtomicFile { path, target })
    }

    /// The name the file gets on commit, as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let fail = |e: io::Error| Error::io(&path, e);
        match self.target {
            Target::Direct(mut out) => out.flush().map_err(fail),
            Target::Temporary {
                out,
                temp,
                destination,
            } => {
                let file = out.into_inner().map_err(|e| fail(e.into_error()))?;
                file.sync_all().map_err(fail)?;
                temp.persist(&destination).map_err(|e| fail(e.error))?;
                sync_folder(&destination);
                Ok(())
            }
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.target {
            Target::Temporary { out, .. } => out.write(buf),
            Target::Direct(out) => out.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.target {
            Target::Temporary { out, .. } => out.write_all(buf),
            Target::Direct(out) => out.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Temporary { out, .. } => out.flush(),
            Target::Direct(out) => out.flush(),
        }
    }
}

/// `/dev/stdout` and the like may lead to a regular file (`reldb ... -o /dev/stdout > out.csv`),
/// but that file belongs to whoever opened it: written through, never replaced.
fn is_system_file(path: &Path) -> bool {
    let resolved = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    [path, resolved.as_path()]
        .iter()
        .any(|p| p.starts_with("/dev") || p.starts_with("/proc"))
}

/// A temporary file in the folder of `path` (of the file a symbolic link points to, so the
/// link stays a link), with the permissions of the file it replaces.
fn temporary_beside(path: &Path, existing: Option<fs::Metadata>) -> Result<Target> {
    let destination = match existing {
        Some(_) => fs::canonicalize(path).map_err(|e| Error::io(path, e))?,
        None => path.to_path_buf(),
    };
    let folder = match destination.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = destination
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Said plainly here: the temporary file's error would name a file the user never asked for.
    fs::metadata(&folder).map_err(|e| Error::io(path, e))?;
    let prefix = format!(".{name}.");
    let temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .permissions(new_file_permissions())
        .tempfile_in(&folder)
        .map_err(|e| Error::io(path, e))?;
    if let Some(meta) = existing {
        fs::set_permissions(temp.path(), meta.permissions()).map_err(|e| Error::io(path, e))?;
    }
    let file = temp.as_file().try_clone().map_err(|e| Error::io(path, e))?;
    Ok(Target::Temporary {
        out: BufWriter::new(file),
        temp,
        destination,
    })
}

/// What `File::create` would give a new file: read and write for all, less the umask.
fn new_file_permissions() -> fs::Permissions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::Permissions::from_mode(0o666)
    }
    #[cfg(not(unix))]
    {
        let file = tempfile::tempfile().expect("a temporary file");
        file.metadata().expect("its metadata").permissions()
    }
}

/// Makes the rename itself durable; a folder that cannot be synced (some filesystems refuse)
/// still holds the renamed file, so this is best effort.
fn sync_folder(file: &Path) {
    #[cfg(unix)]
    if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = file;
}

/// Refuses to write `output` when it is the database at `db` (or its `-wal`, `-shm` or
/// `-journal` file) or one of `inputs`: writing it would destroy what is being read. Files
/// are compared as the system sees them (same device and inode), not by how they are named;
/// an output that does not exist yet is compared by its resolved folder and name.
pub fn refuse_overwrite(output: &Path, db: &Path, inputs: &[&Path]) -> Result<()> {
    let mut db_files = vec![db.to_path_buf()];
    // SQLite keeps the side files beside the file a symlink leads to, not beside the link:
    // both names are guarded.
    let resolved = std::fs::canonicalize(db).ok();
    for base in std::iter::once(db).chain(resolved.as_deref()) {
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut name = OsString::from(base.as_os_str());
            name.push(suffix);
            db_files.push(PathBuf::from(name));
        }
    }
    if let Some(file) = db_files.iter().find(|f| same_file(output, f)) {
        let what = if file == db {
            format!("the database {}", db.display())
        } else {
            format!("a journal file of the database {}", db.display())
        };
        return Err(UsageError::OutputIsDatabase {
            path: output.to_path_buf(),
            what: what.to_string(),
        }
        .into());
    }
    if let Some(input) = inputs.iter().find(|i| same_file(output, i)) {
        return Err(UsageError::OutputIsInput {
            path: output.to_path_buf(),
            input: input.to_path_buf(),
        }
        .into());
    }
    Ok(())
}

/// Whether `a` and `b` name one file (or would, once created).
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => {
            same_inode(&x, &y) || (fs::canonicalize(a).ok() == fs::canonicalize(b).ok())
        }
        (Err(_), Err(_)) => resolved(a) == resolved(b),
        _ => false,
    }
}

#[cfg(unix)]
fn same_inode(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_a: &fs::Metadata, _b: &fs::Metadata) -> bool {
    // No inode to compare: the caller falls back to resolved paths.
    false
}

/// The absolute path `path` would have: its folder resolved, its own name kept.
fn resolved(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(folder).ok()?.join(name))
}

/// Stdout with its errors saying "stdout", so a full disk behind a redirection is told apart
/// from one behind `-o FILE`.
#[derive(Debug)]
pub struct Stdout(BufWriter<io::StdoutLock<'static>>);

impl Stdout {
    /// Buffered, locked stdout.
    pub fn new() -> Self {
        Stdout(BufWriter::new(io::stdout().lock()))
    }
}

impl Default for Stdout {
    fn default() -> Self {
        Self::new()
    }
}

fn on_stdout(error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("stdout: {error}"))
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(on_stdout)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf).map_err(on_stdout)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(on_stdout)
    }
}

/// Where a command's output goes: stdout, or a file written atomically; either way, an error
/// of writing says where ("stdout" or the file).
#[derive(Debug)]
pub enum Destination {
    /// Standard output.
    Stdout(Stdout),
    /// A file, renamed into place by [`Destination::finish`].
    File(AtomicFile),
}

impl Destination {
    /// Stdout, or `path` written atomically.
    pub fn open(path: Option<&Path>) -> Result<Self> {
        Ok(match path {
            Some(path) => Destination::File(AtomicFile::create(path)?),
            None => Destination::Stdout(Stdout::new()),
        })
    }

    /// Flushes stdout, or commits the file.
    pub fn finish(self) -> Result<()> {
        match self {
            Destination::Stdout(mut out) => Ok(out.flush()?),
            Destination::File(file) => file.commit(),
        }
    }
}

/// Tags an error of writing `file` with its name, keeping its kind (a closed pipe stays one).
fn named(file: &AtomicFile, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", file.path().display()))
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(out) => out.write(buf),
            Destination::File(out) => out.write(buf).map_err(|e| named(out, e)),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Destination::Stdout(out) => out.write_all(buf),
            Destination::File(out) => out.write_all(buf).map_err(|e| named(out, e)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(out) => out.flush(),
            Destination::File(out) => out.flush().map_err(|e| named(out, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_only_on_commit_and_keeps_its_old_content_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        fs::write(&path, "precious\n").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"new\n").unwrap();
        drop(file);
        assert_eq!(fs::read_to_string(&path).unwrap(), "precious\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"new\n").unwrap();
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"new").unwrap();
        file.commit().unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn the_database_its_journals_and_inputs_are_refused_by_identity() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let input = dir.path().join("in.csv");
        fs::write(&db, "db").unwrap();
        fs::write(&input, "in").unwrap();
        let other_name = dir.path().join(".").join("x.db");
        assert!(refuse_overwrite(&other_name, &db, &[]).is_err());
        let wal = dir.path().join("x.db-wal");
        assert!(refuse_overwrite(&wal, &db, &[]).is_err());
        assert!(refuse_overwrite(&input, &db, &[&input]).is_err());
        let fine = dir.path().join("out.csv");
        assert!(refuse_overwrite(&fine, &db, &[&input]).is_ok());
    }
}
