package io.metacortex.finance.internal;

import io.metacortex.finance.internal.statement.CsvMapping;
import io.metacortex.finance.internal.statement.CsvProblem;
import io.metacortex.finance.internal.statement.CsvReader;
import io.metacortex.finance.internal.statement.CsvRow;
import io.metacortex.finance.internal.statement.OfxReader;
import io.metacortex.finance.internal.statement.OfxStatement;
import io.metacortex.finance.internal.statement.StatementException;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Statement imports into one of the user's accounts, through the {@link Ledger}: a file is read whole first, and a
 * problem anywhere in it refuses it (422 naming the line and element or column) with nothing stored. Importing the
 * same file again adds nothing (OFX: by FITID; CSV: by the rows' stable hashes).
 */
public final class ImportService {

    /** The body of the CSV routes: the file's text and its column mapping. */
    public record CsvRequest(String content, CsvMapping mapping) {}

    /** What an import did; {@code transactions} is how many the file held. */
    public record ImportResult(String format, int transactions, int added, int modified, int unchanged) {}

    /** What a CSV preview found, storing nothing. */
    public record CsvPreview(List<CsvRow> rows, List<CsvProblem> problems) {}

    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    private static final int MAX_LISTED_PROBLEMS = 20;

    private final AccountService accounts;
    private final Ledger ledger;

    public ImportService(AccountService accounts, Ledger ledger) {
        this.accounts = Objects.requireNonNull(accounts);
        this.ledger = Objects.requireNonNull(ledger);
    }

    ImportResult ofx(UUID user, long accountId, byte[] file) {
        Account account = accounts.find(user, accountId);
        if (file == null || file.length == 0) {
            throw FinanceErrors.unreadableFile("OFX", "line 1: the request has no file");
        }
        if (file.length > MAX_FILE_BYTES) {
            throw FinanceErrors.unreadableFile("OFX", "the file is larger than 10 MB");
        }
        List<OfxStatement> statements;
        try {
            statements = OfxReader.read(file);
        } catch (StatementException e) {
            throw FinanceErrors.unreadableFile("OFX", e.getMessage());
        }
        OfxStatement statement = statementFor(account, statements);
        if (!statement.currency().equals(account.currency())) {
            throw FinanceErrors.unreadableFile(
                    "OFX",
                    "CURDEF: the statement is in " + statement.currency() + ", the account in " + account.currency());
        }
        LedgerBatch batch = LedgerBatch.of(statement.transactions());
        if (statement.ledgerBalance() != null && statement.balanceDay() != null) {
            batch = batch.withBalance(new Balance(
                    statement.ledgerBalance(),
                    statement.availableBalance(),
                    statement.balanceDay().atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        LedgerResult result = ledger.apply(user, accountId, batch);
        return new ImportResult(
                "ofx", statement.transactions().size(), result.added(), result.modified(), result.unchanged());
    }

    CsvPreview csvPreview(UUID user, long accountId, CsvRequest request) {
        accounts.find(user, accountId);
        CsvReader.Result result = readCsv(request);
        return new CsvPreview(result.rows(), result.problems());
    }

    ImportResult csv(UUID user, long accountId, CsvRequest request) {
        accounts.find(user, accountId);
        CsvReader.Result result = readCsv(request);
        if (!result.problems().isEmpty()) {
            Map<String, String> fields = new LinkedHashMap<>();
            result.problems().stream()
                    .limit(MAX_LISTED_PROBLEMS)
                    .forEach(p -> fields.putIfAbsent("line " + p.line() + " " + p.field(), p.message()));
            String detail = result.problems().size() + " row problem(s), nothing imported: "
                    + fields.entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining("; "));
            throw new ApiException(ApiException.UNPROCESSABLE_ENTITY, new ApiError("invalid CSV file", detail, fields));
        }
        List<ImportedTransaction> rows = result.rows().stream()
                .map(r -> ImportedTransaction.booked(
                        r.externalId(), r.amount(), r.bookedOn(), r.description(), r.merchant()))
                .toList();
        LedgerResult applied = ledger.apply(user, accountId, LedgerBatch.of(rows));
        return new ImportResult("csv", rows.size(), applied.added(), applied.modified(), applied.unchanged());
    }

    private static CsvReader.Result readCsv(CsvRequest request) {
        if (request == null || request.content() == null) {
            throw ApiException.missingBody("content (the CSV file's text) and mapping");
        }
        if (request.content().length() > MAX_FILE_BYTES) {
            throw FinanceErrors.unreadableFile("CSV", "the file is larger than 10 MB");
        }
        try {
            return CsvReader.read(request.content(), request.mapping());
        } catch (CsvReader.MappingException e) {
            throw ApiException.invalidBody(Map.of(e.field(), e.getMessage()));
        } catch (StatementException e) {
            throw FinanceErrors.unreadableFile("CSV", e.getMessage());
        }
    }

    /** The only statement of the file, or the one of the account's external id. */
    private static OfxStatement statementFor(Account account, List<OfxStatement> statements) {
        if (statements.isEmpty()) {
            throw FinanceErrors.unreadableFile("OFX", "the file holds no bank or credit card statement (STMTRS)");
        }
        if (statements.size() == 1) {
            return statements.get(0);
        }
        return statements.stream()
                .filter(s -> s.accountId().equals(account.externalId()))
                .findFirst()
                .orElseThrow(() -> FinanceErrors.unreadableFile(
                        "OFX",
                        "ACCTID: the file holds statements of accounts "
                                + statements.stream()
                                        .map(OfxStatement::accountId)
                                        .collect(Collectors.joining(", "))
                                + "; import it into an account imported from one of them"));
    }
}
