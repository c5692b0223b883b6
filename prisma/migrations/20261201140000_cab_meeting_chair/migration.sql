-- AlterTable
ALTER TABLE "CabMeeting" ADD COLUMN     "chairId" TEXT;

-- AddForeignKey
ALTER TABLE "CabMeeting" ADD CONSTRAINT "CabMeeting_chairId_fkey" FOREIGN KEY ("chairId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

