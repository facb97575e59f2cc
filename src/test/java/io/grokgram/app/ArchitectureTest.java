package io.grokgram.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

    @Test
    void only_the_privacy_gate_reaches_provider_clients() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.grokgram.privacy..", "io.grokgram.llm..", "io.grokgram.app..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(io.grokgram.llm.ChatProvider.class)
                .because("nothing reaches a provider except through the privacy gate")
                .check(MAIN);
    }

    @Test
    void only_telegram_sees_the_telegram_client_library() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.grokgram.telegram..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.telegram..", "okhttp3..")
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
    void http_server_types_stay_in_web_and_sandbox() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.grokgram.web..", "io.grokgram.sandbox..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
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
