package dev.slipway.maven;

import dev.slipway.migrate.ValidationProblem;
import dev.slipway.migrate.ValidationResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks the migration files against the history in the database (a file changed or removed after it was applied,
 * a failed migration); fails the build with each problem and what to do about it.
 */
@Mojo(name = "validate", requiresProject = true, threadSafe = true)
public class ValidateMojo extends AbstractSlipwayMojo {

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        ValidationResult result = slipway(null).validate();
        if (result.isValid()) {
            getLog().info("Valid: the migration files agree with the history in " + describeDatabase() + ".");
            return;
        }
        StringBuilder text = new StringBuilder();
        for (ValidationProblem problem : result.problems()) {
            text.append(problem.description());
            if (!problem.action().isEmpty()) {
                text.append('\n').append(PluginSettings.render(problem.action()));
            }
            text.append("\n\n");
        }
        int count = result.problems().size();
        text.append("Invalid: ").append(count).append(count == 1 ? " problem." : " problems.");
        throw new MojoFailureException(mask(text.toString()));
    }
}
