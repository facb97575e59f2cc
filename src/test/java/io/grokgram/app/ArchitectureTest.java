package io.grokgram.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.grokgram.llm.ChatProvider;
import org.junit.jupiter.api.Test;

/** Guards the direction of dependencies between the rooms of the design brief. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.grokgram");

    @Test
    void rooms_have_no_cycles() {
        slices().matching("io.grokgram.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /**
     * The llm room's clients and what builds or drives them; its plain values (settings, ModelId, Completion, Usage,
     * LlmException, StreamObserver) may travel anywhere.
     */
    private static final DescribedPredicate<JavaClass> PROVIDER_CLIENTS = JavaClass.Predicates.assignableTo(
                    ChatProvider.class)
            .or(HasName.Predicates.nameMatching(
                    "io\\.grokgram\\.llm\\.(Route|Sleeper|SseHttpClient|StreamCall|ProviderErrors)(\\$.*)?"))
            .as("an llm provider client (ChatProvider and its implementations, Route, Sleeper, SseHttpClient,"
                    + " StreamCall, ProviderErrors)");

    @Test
    void only_the_privacy_room_reaches_provider_clients() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.grokgram.privacy..", "io.grokgram.llm..")
                .should()
                .dependOnClassesThat(PROVIDER_CLIENTS)
                .because("nothing reaches a provider except through the privacy gate, which builds the clients from"
                        + " settings; the composition root passes settings")
                .check(MAIN);
    }

    @Test
    void only_llm_sees_langchain4j_and_only_privacy_sees_tink() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.grokgram.llm..", "io.grokgram.tools.semantic..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.langchain4j..")
                .check(MAIN);
        // the optional local embedding model runs in-process; it must not become a way to a provider
        noClasses()
                .that()
                .resideInAPackage("io.grokgram.tools.semantic..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.langchain4j.model.openai..", "dev.langchain4j.http..")
                .check(MAIN);
        noClasses()
                .that()
                .resideOutsideOfPackage("io.grokgram.privacy..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.google.crypto.tink..")
                .check(MAIN);
    }

    @Test
    void only_telegram_sees_the_telegram_client_library() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.grokgram.telegram..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.telegram..")
                .check(MAIN);
        noClasses()
                .that()
                .resideOutsideOfPackages("io.grokgram.telegram..", "io.grokgram.tools..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("okhttp3..")
                .because("OkHttp is the Telegram client's transport and read_url's client (its resolver hook lets the"
                        + " checked addresses be the connected ones); nothing else fetches with it")
                .check(MAIN);
    }

    @Test
    void only_store_sees_jdbc_and_the_pool_and_migrations() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.grokgram.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..", "org.flywaydb..")
                .check(MAIN);
    }

    @Test
    void only_scaleout_sees_the_kafka_client() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.grokgram.scaleout..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka..")
                .because("Kafka is reached through KafkaSink and KafkaWorker only; rooms see their UpdateSink")
                .check(MAIN);
    }

    @Test
    void scaleout_knows_intake_and_the_store_but_not_the_assistant() {
        noClasses()
                .that()
                .resideInAPackage("io.grokgram.scaleout..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.grokgram.assistant..",
                        "io.grokgram.llm..",
                        "io.grokgram.privacy..",
                        "io.grokgram.billing..",
                        "io.grokgram.app..")
                .because("workers tell the assistant which chats are theirs through KafkaWorker.Chats, wired in app")
                .check(MAIN);
    }

    @Test
    void only_shared_sees_the_redis_client() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.grokgram.shared..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.lettuce..", "io.github.bucket4j.redis..", "io.netty..", "reactor..")
                .because("Redis is reached through SharedState only; rooms see strings, durations and bucket4j's own"
                        + " proxy types")
                .check(MAIN);
    }

    @Test
    void shared_state_depends_on_no_room() {
        noClasses()
                .that()
                .resideInAPackage("io.grokgram.shared..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.grokgram.telegram..",
                        "io.grokgram.assistant..",
                        "io.grokgram.llm..",
                        "io.grokgram.privacy..",
                        "io.grokgram.billing..",
                        "io.grokgram.dataset..",
                        "io.grokgram.store..",
                        "io.grokgram.web..",
                        "io.grokgram.sandbox..",
                        "io.grokgram.app..")
                .check(MAIN);
    }

    @Test
    void the_dataset_reads_turns_only_through_its_turn_source() {
        noClasses()
                .that()
                .resideInAPackage("io.grokgram.dataset..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.grokgram.telegram..",
                        "io.grokgram.assistant..",
                        "io.grokgram.llm..",
                        "io.grokgram.billing..",
                        "io.grokgram.web..",
                        "io.grokgram.sandbox..",
                        "io.grokgram.scaleout..",
                        "io.grokgram.app..")
                .because("the dataset sees turns through TurnSource (content opened by the room that owns it) and"
                        + " consents, pseudonyms and the scrubber through privacy; it never calls a provider or"
                        + " Telegram")
                .check(MAIN);
    }

    @Test
    void store_depends_on_no_other_room() {
        noClasses()
                .that()
                .resideInAPackage("io.grokgram.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.grokgram.telegram..",
                        "io.grokgram.assistant..",
                        "io.grokgram.llm..",
                        "io.grokgram.privacy..",
                        "io.grokgram.billing..",
                        "io.grokgram.dataset..",
                        "io.grokgram.web..",
                        "io.grokgram.sandbox..",
                        "io.grokgram.app..")
                .check(MAIN);
    }

    @Test
    void tools_never_call_a_provider_telegram_or_the_gate() {
        noClasses()
                .that()
                .resideInAPackage("io.grokgram.tools..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.grokgram.telegram..",
                        "io.grokgram.assistant..",
                        "io.grokgram.llm..",
                        "io.grokgram.privacy..",
                        "io.grokgram.billing..",
                        "io.grokgram.store..",
                        "io.grokgram.web..",
                        "io.grokgram.sandbox..",
                        "io.grokgram.app..",
                        "org.telegram..")
                .because("a tool fetches and ranks; what leaves through it is cleared by the gate before it runs, and"
                        + " what it returns reaches a provider only through the gate")
                .check(MAIN);
    }

    @Test
    void nothing_depends_on_the_composition_root() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.grokgram.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.grokgram.app..")
                .check(MAIN);
    }

    @Test
    void http_server_types_stay_in_web_sandbox_and_console() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.grokgram.web..", "io.grokgram.sandbox..", "io.grokgram.console..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
                .check(MAIN);
    }

    @Test
    void the_console_reads_rooms_through_their_facades_and_only_app_wires_it() {
        noClasses()
                .that()
                .resideInAPackage("io.grokgram.console..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.grokgram.telegram..", "io.grokgram.sandbox..", "io.grokgram.app..")
                .because("the console reads billing, privacy and assistant façades; it never sends to Telegram itself"
                        + " (and, like every room but privacy, never reaches a provider client)")
                .check(MAIN);
        noClasses()
                .that()
                .resideOutsideOfPackages("io.grokgram.console..", "io.grokgram.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.grokgram.console..")
                .check(MAIN);
    }

    @Test
    void the_sandbox_talks_to_the_bot_only_over_http() {
        noClasses()
                .that()
                .resideInAPackage("io.grokgram.sandbox..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.grokgram.telegram..",
                        "io.grokgram.assistant..",
                        "io.grokgram.llm..",
                        "io.grokgram.privacy..",
                        "io.grokgram.store..",
                        "io.grokgram.app..")
                .check(MAIN);
    }
}
