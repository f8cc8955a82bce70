package io.metacortex.finance.internal.statement;

import io.metacortex.finance.internal.ImportedTransaction;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the bank and credit card statements of an OFX file: OFX 1.x (SGML, after {@code KEY:VALUE} header lines)
 * and OFX 2.x (XML, after the {@code <?OFX ...?>} processing instruction), QFX included (OFX with Intuit's extra
 * elements, which are ignored). Per statement: ACCTID, CURDEF, every STMTTRN (FITID, DTPOSTED, TRNAMT, NAME or
 * PAYEE/NAME, MEMO) and LEDGERBAL/AVAILBAL. Amounts keep OFX's sign (negative = out of the account), which is the
 * ledger's.
 *
 * <p>A problem anywhere refuses the whole file, naming the line and element: nothing of a file that cannot be read
 * completely is imported.
 */
public final class OfxReader {

    private static final Pattern V1_HEADER = Pattern.compile("(?s)\\s*OFXHEADER\\s*:\\s*100.*");
    private static final Pattern V2_HEADER = Pattern.compile("(?s)\\s*(<\\?xml[^>]*\\?>\\s*)?<\\?OFX\\s[^>]*\\?>.*");
    private static final Pattern AMOUNT = Pattern.compile("[+-]?(\\d{1,15}([.,]\\d{0,4})?|[.,]\\d{1,4})");
    private static final Pattern DATE = Pattern.compile("(\\d{8}).*");

    private OfxReader() {}

    /** @throws StatementException naming the line and element at fault */
    public static List<OfxStatement> read(byte[] file) throws StatementException {
        String text = decode(file);
        int body;
        if (V2_HEADER.matcher(text).matches()) {
            body = 0; // the tokenizer skips the XML declaration and the OFX processing instruction
        } else if (V1_HEADER.matcher(text).matches()) {
            body = text.indexOf('<');
            if (body < 0) {
                throw new StatementException("line 1: the OFX headers are not followed by an <OFX> element");
            }
        } else {
            throw new StatementException(
                    "line 1: not an OFX file: it must start with the OFXHEADER:100 header (OFX 1.x) or an"
                            + " <?OFX OFXHEADER=\"200\" ...?> processing instruction (OFX 2.x)");
        }
        int headerLines =
                (int) text.substring(0, body).chars().filter(c -> c == '\n').count();
        Collector collector = new Collector(headerLines);
        new OfxTokenizer(text.substring(body)).read(collector);
        if (!collector.sawOfx) {
            long lines = text.chars().filter(c -> c == '\n').count() + (text.endsWith("\n") ? 0 : 1);
            throw new StatementException("line " + lines + ": the file has no <OFX> element");
        }
        return collector.statements;
    }

    /** UTF-8 when the bytes are UTF-8 (ASCII included), else windows-1252 (OFX 1.x CHARSET:1252). */
    private static String decode(byte[] file) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(file, Charset.forName("windows-1252"));
        }
    }

    /** Builds statements from the tokenizer's events, following the path of open aggregates. */
    private static final class Collector implements OfxTokenizer.Handler {
        private final int offset;
        private final List<OfxStatement> statements = new ArrayList<>();
        private final List<String> path = new ArrayList<>();
        private boolean sawOfx;
        // the statement being read
        private String accountId;
        private String accountType;
        private String currency;
        private List<ImportedTransaction> transactions;
        private BigDecimal ledger;
        private LocalDate ledgerDay;
        private BigDecimal available;
        private int statementLine;
        // the STMTTRN being read
        private Map<String, String> trn;
        private final Map<String, Integer> trnLines = new HashMap<>();
        private int trnLine;

        Collector(int offset) {
            this.offset = offset;
        }

        @Override
        public void startAggregate(String name, int line) throws StatementException {
            if (path.isEmpty() && !name.equals("OFX")) {
                throw at(line, "the first element must be <OFX>, not <" + name + ">");
            }
            sawOfx = true;
            path.add(name);
            switch (name) {
                case "STMTRS", "CCSTMTRS" -> {
                    accountId = null;
                    accountType = name.equals("CCSTMTRS") ? "CREDITCARD" : null;
                    currency = null;
                    transactions = new ArrayList<>();
                    ledger = null;
                    ledgerDay = null;
                    available = null;
                    statementLine = line;
                }
                case "STMTTRN" -> {
                    if (transactions == null) {
                        throw at(line, "<STMTTRN> outside of a statement");
                    }
                    trn = new HashMap<>();
                    trnLines.clear();
                    trnLine = line;
                }
                case "CURRENCY" -> {
                    if (trn != null) {
                        throw at(
                                line,
                                "STMTTRN: a transaction in another currency than the statement's CURDEF"
                                        + " is not supported");
                    }
                }
                default -> {
                    // other aggregates: only their elements matter, by path
                }
            }
        }

        @Override
        public void element(String name, String value, int line) throws StatementException {
            if (path.isEmpty()) {
                throw at(
                        line,
                        name.equals("OFX")
                                ? "<OFX> must hold the messages' aggregates, not text"
                                : "<" + name + "> outside of the <OFX> element");
            }
            String parent = path.get(path.size() - 1);
            if (trn != null) {
                String key = parent.equals("PAYEE") && name.equals("NAME") ? "NAME" : name;
                trn.put(key, value);
                trnLines.put(key, line);
                return;
            }
            if (transactions == null) {
                return; // sign-on and other messages
            }
            switch (parent + "/" + name) {
                case "STMTRS/CURDEF", "CCSTMTRS/CURDEF" -> currency = value.toUpperCase(java.util.Locale.ROOT);
                case "BANKACCTFROM/ACCTID", "CCACCTFROM/ACCTID" -> accountId = value;
                case "BANKACCTFROM/ACCTTYPE" -> accountType = value;
                case "LEDGERBAL/BALAMT" -> ledger = amount("LEDGERBAL/BALAMT", value, line);
                case "LEDGERBAL/DTASOF" -> ledgerDay = date("LEDGERBAL/DTASOF", value, line);
                case "AVAILBAL/BALAMT" -> available = amount("AVAILBAL/BALAMT", value, line);
                default -> {
                    // not needed
                }
            }
        }

        @Override
        public void endAggregate(String name, int line) throws StatementException {
            path.remove(path.size() - 1);
            switch (name) {
                case "STMTTRN" -> {
                    transactions.add(transaction(trn, trnLine));
                    trn = null;
                }
                case "STMTRS", "CCSTMTRS" -> {
                    if (accountId == null) {
                        throw at(statementLine, name + ": no BANKACCTFROM/ACCTID or CCACCTFROM/ACCTID");
                    }
                    if (currency == null) {
                        throw at(statementLine, name + ": no CURDEF");
                    }
                    statements.add(new OfxStatement(
                            accountId, accountType, currency, List.copyOf(transactions), ledger, ledgerDay, available));
                    transactions = null;
                }
                default -> {
                    // nothing to finish
                }
            }
        }

        private ImportedTransaction transaction(Map<String, String> fields, int line) throws StatementException {
            for (String required : List.of("FITID", "DTPOSTED", "TRNAMT")) {
                if (!fields.containsKey(required)) {
                    throw at(line, "STMTTRN: no " + required);
                }
            }
            String fitId = fields.get("FITID");
            if (fitId.length() > 200) {
                throw at(trnLines.get("FITID"), "STMTTRN/FITID: longer than 200 characters");
            }
            String name = fields.get("NAME");
            String memo = fields.get("MEMO");
            String description = name == null ? memo : memo == null || memo.equals(name) ? name : name + " — " + memo;
            return ImportedTransaction.booked(
                    fitId,
                    amount("STMTTRN/TRNAMT", fields.get("TRNAMT"), trnLines.get("TRNAMT")),
                    date("STMTTRN/DTPOSTED", fields.get("DTPOSTED"), trnLines.get("DTPOSTED")),
                    description,
                    name);
        }

        private BigDecimal amount(String element, String value, int line) throws StatementException {
            String plain = value.strip();
            if (!AMOUNT.matcher(plain).matches()) {
                throw at(
                        line,
                        element + ": \"" + OfxTokenizer.cut(plain)
                                + "\" is not an amount with at most 15 digits before and 4 after the decimal point");
            }
            return new BigDecimal(plain.replace(',', '.'));
        }

        private LocalDate date(String element, String value, int line) throws StatementException {
            var m = DATE.matcher(value.strip());
            try {
                if (m.matches()) {
                    String d = m.group(1);
                    return LocalDate.of(
                            Integer.parseInt(d.substring(0, 4)),
                            Integer.parseInt(d.substring(4, 6)),
                            Integer.parseInt(d.substring(6, 8)));
                }
            } catch (DateTimeException e) {
                // reported below
            }
            throw at(line, element + ": \"" + OfxTokenizer.cut(value) + "\" is not an OFX date (YYYYMMDD...)");
        }

        private StatementException at(int line, String problem) {
            return StatementException.at(line + offset, problem);
        }
    }
}
