using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows from before tenants belong to the default tenant (TenantScope.DefaultTenant, written out:
            // a migration must not change when the code does), which is what an open service acts as.
            migrationBuilder.DropIndex(
                name: "IX_Jobs_IdempotencyKey",
                table: "Jobs");

            migrationBuilder.AddColumn<string>(
                name: "Tenant",
                table: "Jobs",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "Tenant",
                table: "Datasets",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_Tenant_CreatedAt",
                table: "Jobs",
                columns: new[] { "Tenant", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_Tenant_IdempotencyKey",
                table: "Jobs",
                columns: new[] { "Tenant", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Datasets_Tenant_CreatedAt",
                table: "Datasets",
                columns: new[] { "Tenant", "CreatedAt" });

            // The model tables change their keys, which SQLite can only do by building new tables. By hand,
            // not EF's rebuild: EF fills the new ModelVersions, whose foreign key is (Tenant, Name), while the
            // old Models (keyed by Name alone) is still the table it points to, and SQLite refuses that
            // ("foreign key mismatch"). Here the new versions point at the new Models, and renaming it to
            // "Models" carries the reference along (SQLite ≥ 3.26), so foreign keys stay on throughout.
            migrationBuilder.Sql("""
                CREATE TABLE "Models_new" (
                    "Tenant" TEXT NOT NULL,
                    "Name" TEXT NOT NULL,
                    "CreatedAt" INTEGER NOT NULL,
                    "LastVersion" INTEGER NOT NULL,
                    CONSTRAINT "PK_Models" PRIMARY KEY ("Tenant", "Name")
                );
                INSERT INTO "Models_new" ("Tenant", "Name", "CreatedAt", "LastVersion")
                SELECT 'default', "Name", "CreatedAt", "LastVersion" FROM "Models";
                CREATE TABLE "ModelVersions_new" (
                    "Tenant" TEXT NOT NULL,
                    "Name" TEXT NOT NULL,
                    "Version" INTEGER NOT NULL,
                    "Checkpoint" TEXT NOT NULL,
                    "CreatedAt" INTEGER NOT NULL,
                    "Description" TEXT NULL,
                    "GeneratorStep" INTEGER NOT NULL,
                    "JobId" TEXT NOT NULL,
                    "Weights" BLOB NOT NULL,
                    CONSTRAINT "PK_ModelVersions" PRIMARY KEY ("Tenant", "Name", "Version"),
                    CONSTRAINT "FK_ModelVersions_Jobs_JobId" FOREIGN KEY ("JobId") REFERENCES "Jobs" ("Id") ON DELETE RESTRICT,
                    CONSTRAINT "FK_ModelVersions_Models_Tenant_Name" FOREIGN KEY ("Tenant", "Name") REFERENCES "Models_new" ("Tenant", "Name") ON DELETE CASCADE
                );
                INSERT INTO "ModelVersions_new" ("Tenant", "Name", "Version", "Checkpoint", "CreatedAt", "Description", "GeneratorStep", "JobId", "Weights")
                SELECT 'default', "Name", "Version", "Checkpoint", "CreatedAt", "Description", "GeneratorStep", "JobId", "Weights" FROM "ModelVersions";
                DROP TABLE "ModelVersions";
                DROP TABLE "Models";
                ALTER TABLE "Models_new" RENAME TO "Models";
                ALTER TABLE "ModelVersions_new" RENAME TO "ModelVersions";
                CREATE INDEX "IX_ModelVersions_JobId" ON "ModelVersions" ("JobId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ModelVersions_Models_Tenant_Name",
                table: "ModelVersions");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Models",
                table: "Models");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ModelVersions",
                table: "ModelVersions");

            migrationBuilder.DropIndex(
                name: "IX_Jobs_Tenant_CreatedAt",
                table: "Jobs");

            migrationBuilder.DropIndex(
                name: "IX_Jobs_Tenant_IdempotencyKey",
                table: "Jobs");

            migrationBuilder.DropIndex(
                name: "IX_Datasets_Tenant_CreatedAt",
                table: "Datasets");

            migrationBuilder.DropColumn(
                name: "Tenant",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "Tenant",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "Tenant",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "Tenant",
                table: "Datasets");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Models",
                table: "Models",
                column: "Name");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ModelVersions",
                table: "ModelVersions",
                columns: new[] { "Name", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_IdempotencyKey",
                table: "Jobs",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_ModelVersions_Models_Name",
                table: "ModelVersions",
                column: "Name",
                principalTable: "Models",
                principalColumn: "Name",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
