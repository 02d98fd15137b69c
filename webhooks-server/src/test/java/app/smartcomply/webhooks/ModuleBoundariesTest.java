package app.smartcomply.webhooks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows of docs/architecture.md pointing one way: web/dashboard → features → store. Fails the
 * build when a change makes a feature reach up into the web layer, a store class reach into a
 * feature, two features depend on each other in a circle, or one feature use another's internals.
 */
class ModuleBoundariesTest {

    private static final String ROOT = "app.smartcomply.webhooks";
    private static final String[] FEATURES = {
        ROOT + ".account..",
        ROOT + ".endpoint..",
        ROOT + ".event..",
        ROOT + ".catalog..",
        ROOT + ".delivery..",
        ROOT + ".retention..",
        ROOT + ".audit..",
        ROOT + ".limits..",
        ROOT + ".notice..",
        ROOT + ".check..",
        ROOT + ".listen.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void featuresNeverDependOnTheWebLayerOrTheDashboard() {
        noClasses()
                .that()
                .resideInAnyPackage(FEATURES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".web..", ROOT + ".dashboard..")
                .check(classes);
    }

    @Test
    void theDomainNeverImportsSpringMvcOrServletTypes() {
        noClasses()
                .that()
                .resideInAnyPackage(FEATURES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theStoreKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".store..", ROOT + ".error..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .check(classes);
    }

    @Test
    void featuresFormNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void internalsStayInsideTheirFeature() {
        for (String feature : new String[] {
            "account",
            "endpoint",
            "event",
            "catalog",
            "delivery",
            "retention",
            "audit",
            "notice",
            "check",
            "web",
            "dashboard"
        }) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage(ROOT + "." + feature + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(ROOT + "." + feature + ".internal..")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }
}
