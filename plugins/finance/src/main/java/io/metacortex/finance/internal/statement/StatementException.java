package io.metacortex.finance.internal.statement;

/** A statement file that cannot be read: the message says where ({@code "line 12: ..."}) and what is wrong. */
public final class StatementException extends Exception {

    private static final long serialVersionUID = 1L;

    public StatementException(String message) {
        super(message, null, false, false);
    }

    static StatementException at(int line, String problem) {
        return new StatementException("line " + line + ": " + problem);
    }
}
