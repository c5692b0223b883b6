-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "defaultStrategy" TEXT,
ADD COLUMN     "postTrafficHook" TEXT,
ADD COLUMN     "preTrafficHook" TEXT;

