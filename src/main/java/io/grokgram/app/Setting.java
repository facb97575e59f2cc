package io.grokgram.app;

/**
 * Every setting Grokgram reads, with its default and meaning: the one list the loader, {@code grokgram config} and
 * the README's reference agree on. Each can come from the environment or the {@code GROKGRAM_CONFIG} file; the
 * environment wins.
 */
enum Setting {
    BOT_TOKEN("GROKGRAM_BOT_TOKEN", "", true, "The bot token from BotFather. Required for `run`."),
    TELEGRAM_API(
            "GROKGRAM_TELEGRAM_API",
            "https://api.telegram.org",
            false,
            "Bot API base URL (scheme://host[:port]); requests go to {base}/bot{token}/{method}."),
    POLL_TIMEOUT("GROKGRAM_POLL_TIMEOUT", "25s", false, "Long-polling timeout of getUpdates (1s to 50s)."),
    WEBHOOK_URL(
            "GROKGRAM_WEBHOOK_URL",
            "",
            false,
            "The https URL Telegram posts updates to (webhook mode; default: long polling). Its path is the one the"
                    + " HTTP server listens on; http only for 127.0.0.1 or localhost."),
    WEBHOOK_SECRET(
            "GROKGRAM_WEBHOOK_SECRET",
            "",
            true,
            "Required with GROKGRAM_WEBHOOK_URL: 1 to 256 of A-Z a-z 0-9 _ -; Telegram sends it with every update."),
    LIMIT_CHAT_PER_SECOND(
            "GROKGRAM_LIMIT_CHAT_PER_SECOND", "1", false, "Messages, edits and drafts per second to one chat."),
    LIMIT_GROUP_PER_MINUTE("GROKGRAM_LIMIT_GROUP_PER_MINUTE", "20", false, "Messages per minute to one group."),
    LIMIT_BOT_PER_SECOND("GROKGRAM_LIMIT_BOT_PER_SECOND", "30", false, "Calls per second for the whole bot."),
    REDIS_URL(
            "GROKGRAM_REDIS_URL",
            "",
            true,
            "Scale-out: the Redis all workers share, redis://[:password@]host[:port][/db]; the outbound limits, 429"
                    + " pauses and the inline-answer cache live there. Empty: all stay in this process."),
    REDIS_TIMEOUT(
            "GROKGRAM_REDIS_TIMEOUT",
            "500ms",
            false,
            "Longest wait for a Redis command; a failure or a longer wait counts Redis as lost until it answers again."),
    EXPECTED_WORKERS(
            "GROKGRAM_EXPECTED_WORKERS",
            "2",
            false,
            "Scale-out: how many workers send for the bot. While Redis is lost each keeps the limits divided by this;"
                    + " with Redis each keeps this share of the calls in flight."),
    KAFKA_BOOTSTRAP_SERVERS(
            "GROKGRAM_KAFKA_BOOTSTRAP_SERVERS",
            "",
            false,
            "Scale-out: Kafka's host:port[,host:port…] for `ingress` and `worker` (their --kafka option wins)."),
    KAFKA_PARTITIONS(
            "GROKGRAM_KAFKA_PARTITIONS",
            "12",
            false,
            "Scale-out: partitions of the topic grokgram.updates when a process creates it (an existing topic keeps"
                    + " its own): the most workers that can share the chats."),
    KAFKA_SESSION_TIMEOUT(
            "GROKGRAM_KAFKA_SESSION_TIMEOUT",
            "10s",
            false,
            "Scale-out: how long a silent worker keeps its partitions; the chats of a worker that died wait this long"
                    + " before another resumes them (6s to 5m; the broker's group.min/max.session.timeout.ms bound it)."),
    POLLING_LEASE(
            "GROKGRAM_POLLING_LEASE",
            "30s",
            false,
            "Scale-out: an `ingress` without a webhook long-polls only while it holds this lease in PostgreSQL, renewed"
                    + " every third of it; another ingress takes over within this time after the holder died."),
    LLM_BASE_URL(
            "GROKGRAM_LLM_BASE_URL",
            "https://api.x.ai/v1",
            false,
            "OpenAI-compatible API base URL including the version path; requests go to {base}/chat/completions."),
    LLM_API_KEY("GROKGRAM_LLM_API_KEY", "", true, "The provider's API key (may be empty for a local server)."),
    LLM_MODEL("GROKGRAM_LLM_MODEL", "grok-4.3", false, "The model that answers."),
    LLM_PROVIDER_NAME(
            "GROKGRAM_LLM_PROVIDER_NAME",
            "",
            false,
            "How the greeting names the provider users' messages go to (default: xAI for api.x.ai, else the host)."),
    LLM_PRICES(
            "GROKGRAM_LLM_PRICES",
            "grok-4.3=1.25/0.20/2.50",
            false,
            "Prices in USD per million tokens, input/cached input/output, per model: `model=in/cached/out;…`."),
    LLM_TIMEOUT(
            "GROKGRAM_LLM_TIMEOUT",
            "60s",
            false,
            "Longest wait for the provider's first byte, and between two streamed events."),
    LLM_RETRIES(
            "GROKGRAM_LLM_RETRIES",
            "3",
            false,
            "Attempts per route (the first included; 1 never retries) when the provider is rate limited, slow or down."),
    LLM_MAX_RETRY_WAIT(
            "GROKGRAM_LLM_MAX_RETRY_WAIT",
            "20s",
            false,
            "Longest pause before a retry; a provider asking (Retry-After) for more is left for the next route."),
    LLM_FALLBACKS(
            "GROKGRAM_LLM_FALLBACKS",
            "",
            false,
            "Routes tried in order when the model fails: `model` (same provider) or `model@base-url [key=VARIABLE]`; `;`"
                    + " between routes."),
    DATABASE(
            "GROKGRAM_DATABASE",
            "grokgram.db",
            false,
            "An SQLite file path, a jdbc:sqlite: URL or a jdbc:postgresql: URL."),
    DATABASE_POOL_SIZE(
            "GROKGRAM_DATABASE_POOL_SIZE", "10", false, "Connections to PostgreSQL (SQLite always uses one)."),
    HTTP_HOST("GROKGRAM_HTTP_HOST", "127.0.0.1", false, "Address the HTTP server binds to (0.0.0.0 for all)."),
    PUBLIC_URL(
            "GROKGRAM_PUBLIC_URL",
            "",
            false,
            "The https address of this server registered with BotFather (/setdomain): the menu button and /settings"
                    + " open the Mini App at {address}/app, and the console offers the Telegram Login Widget. Empty:"
                    + " console by one-time link only, no Mini App button. http only for 127.0.0.1 or localhost."),
    CONSOLE_OPERATORS(
            "GROKGRAM_CONSOLE_OPERATORS",
            "",
            false,
            "Telegram user ids that may sign in to the console with the Login Widget, and their roles: `id=role,…`"
                    + " with roles owner, finance, privacy, support."),
    CONSOLE_SESSION("GROKGRAM_CONSOLE_SESSION", "8h", false, "How long a console sign-in lasts (5m to 7d)."),
    CONSOLE_LOGIN_MAX_AGE(
            "GROKGRAM_CONSOLE_LOGIN_MAX_AGE",
            "10m",
            false,
            "The oldest Telegram Login Widget sign-in (its auth_date) the console accepts (1m to 1d)."),
    WEBAPP_INIT_DATA_MAX_AGE(
            "GROKGRAM_WEBAPP_INIT_DATA_MAX_AGE",
            "1h",
            false,
            "The oldest Mini App initData (its auth_date) the Mini App's API accepts (1m to 7d)."),
    WEBAPP_SCRIPT(
            "GROKGRAM_WEBAPP_SCRIPT",
            "https://telegram.org/js/telegram-web-app.js",
            false,
            "Where the Mini App loads Telegram's web-app script from; the sandbox serves a stand-in at"
                    + " /js/telegram-web-app.js."),
    HTTP_PORT("GROKGRAM_HTTP_PORT", "8080", false, "Port of /healthz, /metrics and, in the sandbox, the web chat."),
    PERSONA("GROKGRAM_PERSONA", "", false, "The system prompt (default: the built-in persona)."),
    LANGUAGES_DIR(
            "GROKGRAM_LANGUAGES_DIR",
            "",
            false,
            "A directory of extra message bundles, messages_<tag>.properties in UTF-8 (e.g. messages_fr.properties):"
                    + " each adds a language or replaces a built-in one. Check them with `grokgram i18n check --dir`."),
    CONTEXT_TOKENS(
            "GROKGRAM_CONTEXT_TOKENS",
            "128000",
            false,
            "The most tokens any request may hold (persona, earlier turns, the new message): the model's usable"
                    + " window. Each plan's own budget applies below it."),
    CONTEXT_TRIM_STEP(
            "GROKGRAM_CONTEXT_TRIM_STEP",
            "8",
            false,
            "Old messages are dropped from the context in steps of this many, so cached prefixes survive."),
    MAX_OUTPUT_TOKENS(
            "GROKGRAM_MAX_OUTPUT_TOKENS",
            "8000",
            false,
            "The longest answer any plan may ask for, in tokens; each plan's own limit applies below it."),
    PREVIEW_DELAY(
            "GROKGRAM_PREVIEW_DELAY",
            "800ms",
            false,
            "No streamed preview before this; fast answers show typing, then the message."),
    DRAFT_INTERVAL("GROKGRAM_DRAFT_INTERVAL", "1s", false, "At most one preview update per chat per interval."),
    FLOOD_PER_MINUTE(
            "GROKGRAM_FLOOD_PER_MINUTE",
            "20",
            false,
            "Messages per minute one user may send before being asked to slow down."),
    SHUTDOWN_GRACE(
            "GROKGRAM_SHUTDOWN_GRACE",
            "20s",
            false,
            "On SIGTERM, how long turns in flight may take to finish before they are handed back to the inbox."),
    WORKER_MAX_TURNS(
            "GROKGRAM_WORKER_MAX_TURNS",
            "0",
            false,
            "Most turns this process runs at once (0: no cap). A turn past the cap waits in the inbox, in its chat's"
                    + " order, until a running one ends: a worker takes the load it is sized for and adding workers"
                    + " adds capacity."),
    INBOX_RETENTION(
            "GROKGRAM_INBOX_RETENTION",
            "7d",
            false,
            "How long finished inbox entries are kept (to recognise repeats and edits) before they are pruned."),
    PRIVACY_POLICY_VERSION(
            "GROKGRAM_PRIVACY_POLICY_VERSION",
            "1",
            false,
            "Version of the privacy policy users agree to; raising it asks every user to agree again before the next"
                    + " answer."),
    PROVIDER_RETENTION(
            "GROKGRAM_PROVIDER_RETENTION",
            "",
            false,
            "What the provider keeps of requests, as users are told (default: xAI's published terms for api.x.ai,"
                    + " else a note that the operator has not described them)."),
    GROUP_CONVERSATION_PER_USER(
            "GROKGRAM_GROUP_CONVERSATION_PER_USER",
            "false",
            false,
            "true gives each user their own conversation with the assistant in a group (per forum topic); false shares"
                    + " one conversation per group topic among everyone who asks there."),
    ZERO_DATA_RETENTION(
            "GROKGRAM_ZERO_DATA_RETENTION",
            "false",
            false,
            "true when zero data retention is arranged with the provider (xAI: for the whole team); users are told,"
                    + " and every request's audit record notes it."),
    REDACT(
            "GROKGRAM_REDACT",
            "",
            false,
            "Personal data replaced before a request leaves: any of card, phone, email, iban, address, username,"
                    + " profile_link, comma-separated; patterns of"
                    + " your own in GROKGRAM_REDACT_PATTERN_<NAME>=regex. Default: none."),
    MESSAGE_RETENTION_DAYS(
            "GROKGRAM_MESSAGE_RETENTION_DAYS",
            "365",
            false,
            "Conversation content older than this many days is deleted daily; 0 keeps it."),
    MASTER_KEY(
            "GROKGRAM_MASTER_KEY",
            "",
            true,
            "Base64 of 32 random bytes (`openssl rand -base64 32`): content at rest is encrypted per user, and"
                    + " erasing a user deletes their key. Empty: no encryption. Never printed."),
    FREE_MODEL("GROKGRAM_FREE_MODEL", "", false, "The model of the Free plan (default: GROKGRAM_LLM_MODEL)."),
    FREE_TURNS_PER_DAY("GROKGRAM_FREE_TURNS_PER_DAY", "20", false, "Turns a Free user gets per UTC day."),
    FREE_CONTEXT_TOKENS("GROKGRAM_FREE_CONTEXT_TOKENS", "16000", false, "Token budget of a Free user's request."),
    FREE_MAX_OUTPUT_TOKENS(
            "GROKGRAM_FREE_MAX_OUTPUT_TOKENS", "1500", false, "Longest answer for a Free user, in tokens."),
    PREMIUM_MODEL(
            "GROKGRAM_PREMIUM_MODEL",
            "",
            false,
            "The model of the Premium plan, e.g. the provider's strongest (default: GROKGRAM_LLM_MODEL)."),
    PREMIUM_STARS(
            "GROKGRAM_PREMIUM_STARS",
            "250",
            false,
            "Price of Premium in Telegram Stars per 30 days (a Stars subscription; 1 to 10000)."),
    PREMIUM_TURNS_PER_DAY("GROKGRAM_PREMIUM_TURNS_PER_DAY", "500", false, "Turns a Premium user gets per UTC day."),
    PREMIUM_CONTEXT_TOKENS(
            "GROKGRAM_PREMIUM_CONTEXT_TOKENS", "128000", false, "Token budget of a Premium user's request."),
    PREMIUM_MAX_OUTPUT_TOKENS(
            "GROKGRAM_PREMIUM_MAX_OUTPUT_TOKENS", "8000", false, "Longest answer for a Premium user, in tokens."),
    TURN_PACKS(
            "GROKGRAM_TURN_PACKS",
            "pack100=100/100",
            false,
            "Packs of extra turns bought once with Stars, used after the day's quota: `id=turns/stars;…`; empty: none."),
    PROVIDER_SHARE_BPS(
            "GROKGRAM_PROVIDER_SHARE_BPS",
            "5000",
            false,
            "The model provider's share of every Stars receipt in basis points (5000 = 50 %); it gets"
                    + " floor(gross x bps / 10000) Stars, the platform the rest."),
    USD_PER_STAR(
            "GROKGRAM_USD_PER_STAR",
            "0.013",
            false,
            "What a Star is worth in US dollars, for reports and settlements (the ledger books Stars)."),
    MONTHLY_SPEND_CAP_USD(
            "GROKGRAM_MONTHLY_SPEND_CAP_USD",
            "0",
            false,
            "Provider cost per UTC month after which Free turns pause until the month ends (a warning at 80 %);"
                    + " paying users keep service. 0: no cap."),
    OUT_OF_CREDITS_PAUSE(
            "GROKGRAM_OUT_OF_CREDITS_PAUSE",
            "1h",
            false,
            "How long Free turns pause after the provider says its credits ran out."),
    PAYLOAD_KEY(
            "GROKGRAM_PAYLOAD_KEY",
            "",
            true,
            "At least 16 characters that sign invoice payloads; empty: a random key kept in the database. Changing it"
                    + " makes running subscriptions' renewals unrecognisable. Never printed."),
    LLM_API(
            "GROKGRAM_LLM_API",
            "chat",
            false,
            "The primary provider's wire API: `chat` (Chat Completions, every OpenAI-compatible server) or `responses`"
                    + " (the Responses API of xAI and OpenAI; needed for the provider's own web search)."),
    FREE_TOOLS(
            "GROKGRAM_FREE_TOOLS",
            "web_search,read_url,knowledge_search",
            false,
            "Tools a Free user's turns may use, comma-separated (web_search, read_url, knowledge_search); empty: none."),
    FREE_MAX_TOOL_CALLS(
            "GROKGRAM_FREE_MAX_TOOL_CALLS", "3", false, "Most tool calls one Free turn may make (0 to 100)."),
    PREMIUM_TOOLS(
            "GROKGRAM_PREMIUM_TOOLS",
            "web_search,read_url,knowledge_search",
            false,
            "Tools a Premium user's turns may use, comma-separated; empty: none."),
    PREMIUM_MAX_TOOL_CALLS(
            "GROKGRAM_PREMIUM_MAX_TOOL_CALLS", "8", false, "Most tool calls one Premium turn may make (0 to 100)."),
    SEARCH_URL(
            "GROKGRAM_SEARCH_URL",
            "",
            false,
            "web_search through an HTTP search API answering like SearXNG's JSON API: GET {url}?q=…&format=json."
                    + " Empty: the provider's own search when GROKGRAM_LLM_API=responses, else no web_search."),
    READ_URL_ALLOW_PRIVATE(
            "GROKGRAM_READ_URL_ALLOW_PRIVATE",
            "false",
            false,
            "Let read_url fetch loopback, private and link-local addresses (the sandbox does; never on a public bot)."),
    READ_URL_MAX_BYTES(
            "GROKGRAM_READ_URL_MAX_BYTES", "2000000", false, "Largest page read_url reads, in bytes (1 KB to 50 MB)."),
    KNOWLEDGE_INDEX(
            "GROKGRAM_KNOWLEDGE_INDEX",
            "",
            false,
            "Where `grokgram knowledge index DIR` keeps the index knowledge_search searches: a folder (a Lucene"
                    + " index on this machine) or a jdbc:postgresql: URL (pgvector, one index all workers share)."
                    + " Empty: no knowledge_search."),
    TOOL_TIMEOUT("GROKGRAM_TOOL_TIMEOUT", "10s", false, "Longest one tool call may take (search, page read)."),
    TOOL_ROUNDS(
            "GROKGRAM_TOOL_ROUNDS",
            "3",
            false,
            "Provider calls per turn that may ask for tools (0 to 10); then the model must answer with what it has."),
    TOOL_TURN_TIME(
            "GROKGRAM_TOOL_TURN_TIME",
            "45s",
            false,
            "Longest the tool loop of one turn may run before it must answer."),
    INLINE_TOOL_TIME(
            "GROKGRAM_INLINE_TOOL_TIME",
            "5s",
            false,
            "Longest the tools of an inline or guest answer may run, each call and all together; such an answer gets"
                    + " one tool round."),
    TOOL_FEES(
            "GROKGRAM_TOOL_FEES",
            "web_search=0.005",
            false,
            "Per-call fees in USD metered with the turn: `tool=usd;…` (xAI: web_search $5 per 1,000 calls).");

    private final String key;
    private final String defaultValue;
    private final boolean secret;
    private final String description;

    Setting(String key, String defaultValue, boolean secret, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    String key() {
        return key;
    }

    String defaultValue() {
        return defaultValue;
    }

    boolean secret() {
        return secret;
    }

    String description() {
        return description;
    }

    /** How a value may be shown: secrets masked, always. */
    String shown(String value) {
        if (secret) {
            return value.isEmpty() ? "(empty)" : "*****";
        }
        return "'" + value + "'";
    }
}
