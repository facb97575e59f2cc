package io.grokgram.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameters of a valid Stars invoice, for sendInvoice and createInvoiceLink, with whatever a test changes. */
final class InvoiceParams {
    static final String PAYLOAD = "plan:pro:42";
    static final long PRICE = 250;
    static final int MONTH = 2_592_000;

    private InvoiceParams() {}

    /** The valid invoice, then {@code overrides} (name, value, …); a null value removes the parameter. */
    static Map<String, Object> invoice(Object... overrides) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("title", "Pro plan");
        params.put("description", "Thirty days of Pro");
        params.put("payload", PAYLOAD);
        params.put("currency", "XTR");
        params.put("prices", List.of(Map.of("label", "Pro", "amount", PRICE)));
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                params.remove((String) overrides[i]);
            } else {
                params.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return params;
    }

    static List<Map<String, Object>> price(long amount) {
        return List.of(Map.of("label", "Pro", "amount", amount));
    }
}
