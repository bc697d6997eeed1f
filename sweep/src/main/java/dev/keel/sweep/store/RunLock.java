package dev.keel.sweep.store;

import dev.keel.diagnose.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock of a result folder: one keel process writes a run at a time (two {@code --resume} of one folder once
 * ran the same trials twice). It is an operating-system lock on {@code DIR/.keel.lock}, a file that names the
 * owner (pid, host, since when) so that a refusal can say who holds it. The kernel drops the lock when its owner
 * exits, however it exits (a kill -9 included), so a lock is never stale: the next process takes it over, and two
 * processes that try at once cannot both get it. The file stays, empty, once released; but a folder the lock
 * created and nothing was written to (bad data found after the lock was taken) is removed with it.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    public static final String FILE = ".keel.lock";

    /**
     * Folders this JVM holds: a second lock taken by the same process would not be refused by the kernel (POSIX
     * locks belong to the process), and opening the file again would release the first when closed.
     */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path dir;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean created;

    private RunLock(Path dir, Path key, FileChannel channel, FileLock lock, boolean created) {
        this.dir = dir;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
    }

    /**
     * Locks {@code dir} (created if absent) for this process.
     *
     * @throws BadInputException when another keel process holds it: one line naming the owner
     * @throws IOException       when the folder or its lock file cannot be written (a read-only or full disk)
     */
    public static RunLock acquire(Path dir) throws IOException {
        boolean created = !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
        Files.createDirectories(dir);
        Path key = dir.toRealPath();
        String owner = owner();
        String holder = HELD.putIfAbsent(key, owner);
        if (holder != null) {
            throw inUse(dir, holder);
        }
        FileChannel channel = null;
        RunLock taken = null;
        try {
            // Never through a link: a planted .keel.lock -> /etc/passwd must not be truncated.
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            } catch (IOException e) {
                // NFS without a lock daemon and some FUSE file systems have no locks: run, but say so.
                LOG.warn("{}: cannot lock this folder ({}); make sure no other keel writes to it", dir, e.getMessage());
                writeOwner(channel, owner);
                taken = new RunLock(dir, key, channel, null, created);
                return taken;
            }
            if (lock == null) {
                throw inUse(dir, ownerOfHeldLock(channel));
            }
            String previous = readOwner(channel);
            if (!previous.isEmpty()) {
                LOG.info("{}: took over the lock of {}, which is gone", dir, previous);
            }
            writeOwner(channel, owner);
            taken = new RunLock(dir, key, channel, lock, created);
            return taken;
        } finally {
            if (taken == null) {
                HELD.remove(key);
                if (channel != null) {
                    channel.close();
                }
            }
        }
    }

    /** The folder this lock holds. */
    public Path dir() {
        return dir;
    }

    /** Releases the lock and empties the file. */
    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            if (created && RunFolder.isEmpty(dir)) {
                // Still locked while removed: no other keel can have started in it.
                Files.deleteIfExists(dir.resolve(FILE));
                Files.deleteIfExists(dir);
            }
            if (lock != null && channel.isOpen()) {
                lock.release();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: could not tidy the lock away", dir, e);
        } finally {
            HELD.remove(key);
            channel.close();
        }
    }

    private static BadInputException inUse(Path dir, String owner) {
        return new BadInputException(dir + ": in use by another keel (" + owner + "); wait for it to finish, or stop"
                + " it (its stored trials are kept), then run again");
    }

    /** This process, in one line: {@code pid 4242 on host since 2026-12-02T10:00:00Z}. */
    static String owner() {
        return "pid " + ProcessHandle.current().pid() + " on " + host() + " since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void writeOwner(FileChannel channel, String owner) throws IOException {
        channel.truncate(0);
        ByteBuffer bytes = ByteBuffer.wrap((owner + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes, bytes.position());
        }
        channel.force(false);
    }

    /**
     * Who holds a lock this process could not take. The holder writes its line just after it locks, so a process
     * that lost a race by microseconds may find the file empty: it waits up to half a second for the line, so that
     * the refusal names the owner.
     */
    private static String ownerOfHeldLock(FileChannel channel) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            String other = readOwner(channel);
            if (!other.isEmpty()) {
                return other;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "another process";
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(512);
        while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
            // a lock file is one short line
        }
        String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        return text.lines().findFirst().orElse("").strip();
    }

    private static String host() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel, StandardCharsets.UTF_8).strip();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "an unknown host";
        }
    }
}
