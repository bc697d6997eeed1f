package dev.keel.sweep.store;

import java.nio.file.Path;

/**
 * A process that takes the lock of a folder and holds it, for {@link RunLockTest}: prints {@code locked} (or the
 * refusal) and then waits {@code args[1]} milliseconds, or until it is killed.
 */
public final class LockHolder {
    private LockHolder() {
    }

    @SuppressWarnings("try")
    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
        } catch (dev.keel.diagnose.BadInputException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
