package dk.albertslund.signage.backup;

/** Why a backup or a restore did not happen, in one sentence an operator can act on. */
public final class BackupException extends Exception {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
