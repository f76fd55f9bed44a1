// std::fs against a preopened directory (its guest path is argument 1): every step prints what it saw, and the test
// compares the whole output, then checks what the program left on the host.
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: fs <directory>");
    let at = |name: &str| -> PathBuf { Path::new(&dir).join(name) };

    // Reading a file the fixture ships.
    println!("read: {}", fs::read_to_string(at("input.txt")).unwrap().trim_end());

    // create, write, read back.
    File::create(at("created.txt")).unwrap().write_all(b"hello world").unwrap();
    println!("create: {}", fs::read_to_string(at("created.txt")).unwrap());

    // create_new on an existing file fails; on a fresh name it works, even when only reading is asked for.
    let again = OpenOptions::new().write(true).create_new(true).open(at("created.txt"));
    println!("create_new existing: {:?}", again.map(|_| ()).unwrap_err().kind());
    OpenOptions::new().write(true).create_new(true).open(at("new.txt")).unwrap();
    println!("create_new fresh: {}", at("new.txt").exists());
    OpenOptions::new().read(true).create_new(true).open(at("read-only-new.txt")).unwrap();
    println!("create_new read-only: {}", at("read-only-new.txt").exists());
    let mut ro = OpenOptions::new().read(true).open(at("created.txt")).unwrap();
    println!("write to read-only handle fails: {}", ro.write_all(b"x").is_err());

    // Append, seek, read at an offset.
    OpenOptions::new().append(true).open(at("created.txt")).unwrap().write_all(b", again").unwrap();
    let mut file = OpenOptions::new().read(true).write(true).open(at("created.txt")).unwrap();
    file.seek(SeekFrom::Start(6)).unwrap();
    let mut word = [0u8; 5];
    file.read_exact(&mut word).unwrap();
    println!("seek+read: {}", String::from_utf8_lossy(&word));
    println!("seek end: {}", file.seek(SeekFrom::End(0)).unwrap());
    file.seek(SeekFrom::Current(-5)).unwrap();
    file.write_all(b"AGAIN").unwrap();

    // Truncation: set_len shrinks and grows; create truncates.
    file.set_len(5).unwrap();
    println!("truncated: {:?} len {}", fs::read_to_string(at("created.txt")).unwrap(), file.metadata().unwrap().len());
    file.set_len(8).unwrap();
    println!("extended: {:?}", fs::read(at("created.txt")).unwrap());
    drop(file);
    File::create(at("created.txt")).unwrap();
    println!("create truncates: len {}", fs::metadata(at("created.txt")).unwrap().len());

    // Metadata.
    let meta = fs::metadata(at("input.txt")).unwrap();
    println!("metadata: file {} dir {} len {}", meta.is_file(), meta.is_dir(), meta.len());
    println!("metadata dir: {}", fs::metadata(at("docs")).unwrap().is_dir());
    println!("metadata missing: {:?}", fs::metadata(at("missing")).unwrap_err().kind());
    println!("modified readable: {}", meta.modified().is_ok());

    // Directories: create, list (sorted: the order of read_dir is not defined), remove.
    fs::create_dir(at("made")).unwrap();
    fs::create_dir_all(at("made/deep/er")).unwrap();
    println!("create_dir existing: {:?}", fs::create_dir(at("made")).unwrap_err().kind());
    let mut names: Vec<String> = fs::read_dir(at("docs")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    println!("read_dir: {:?}", names);
    println!("remove_dir non-empty fails: {}", fs::remove_dir(at("made")).is_err());
    fs::remove_dir_all(at("made")).unwrap();
    println!("remove_dir_all: {}", !at("made").exists());

    // Rename and remove.
    fs::rename(at("new.txt"), at("renamed.txt")).unwrap();
    println!("rename: {} {}", at("new.txt").exists(), at("renamed.txt").exists());
    fs::remove_file(at("renamed.txt")).unwrap();
    println!("remove_file: {}", at("renamed.txt").exists());
    println!("remove_file missing: {:?}", fs::remove_file(at("renamed.txt")).unwrap_err().kind());

    // Symbolic links: create, read, follow, stat without following, remove.
    #[allow(deprecated)]
    fs::soft_link("input.txt", at("link")).unwrap();
    println!("read_link: {:?}", fs::read_link(at("link")).unwrap());
    println!("through link: {}", fs::read_to_string(at("link")).unwrap().trim_end());
    println!("symlink_metadata: {}", fs::symlink_metadata(at("link")).unwrap().file_type().is_symlink());
    #[allow(deprecated)]
    let outside = fs::soft_link("../../etc/passwd", at("escape"));
    println!("link leading out refused: {}", outside.is_err());

    // Hard links share contents.
    fs::hard_link(at("input.txt"), at("hard.txt")).unwrap();
    println!("hard_link: {}", fs::read_to_string(at("hard.txt")).unwrap().trim_end());
    fs::remove_file(at("link")).unwrap();

    // Nothing outside the directory.
    println!("outside: {:?}", fs::read_to_string("/etc/passwd").map(|_| ()).unwrap_err().kind() != ErrorKind::Other);
}
